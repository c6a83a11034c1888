{{/*
Object names are fixed (camstream-operator, camstream-ui, …), as in k8s/operator: the operator is one per cluster,
the generated MediaMTX NetworkPolicies admit its pods by the label app.kubernetes.io/name=camstream-operator, and the
dashboard and alerts find it by these names.
*/}}

{{/* Labels on every object the chart renders (never on pod templates or selectors). */}}
{{- define "camstream.labels" -}}
app.kubernetes.io/part-of: camstream
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "camstream.operatorImage" -}}
{{ .Values.images.operator.repository }}:{{ .Values.images.operator.tag | default .Chart.AppVersion }}
{{- end }}

{{- define "camstream.imagesData" -}}
CAMSTREAM_MEDIAMTX_IMAGE: {{ printf "%s:%s" .Values.images.mediamtx.repository .Values.images.mediamtx.tag | quote }}
CAMSTREAM_OPERATOR_IMAGE: {{ include "camstream.operatorImage" . | quote }}
CAMSTREAM_STREAMER_IMAGE: {{ printf "%s:%s" .Values.images.streamer.repository (.Values.images.streamer.tag | default .Chart.AppVersion) | quote }}
{{- end }}

{{/* Named after its content, as kustomize's configMapGenerator does: a new image rolls the operator out. */}}
{{- define "camstream.imagesConfigMap" -}}
camstream-operator-images-{{ include "camstream.imagesData" . | sha256sum | trunc 10 }}
{{- end }}

{{/* The namespaced install needs the namespaces it is confined to. */}}
{{- define "camstream.namespaced" -}}
{{- if eq .Values.rbac.scope "namespaced" -}}
{{- if not .Values.watchNamespaces -}}
{{- fail "rbac.scope=namespaced needs watchNamespaces: the namespaces that get a Role for the operator" -}}
{{- end -}}
true
{{- end -}}
{{- end }}

{{/*
Everything the operator reads or writes, and nothing else: the rules of the ClusterRole, and of the Role of a
namespaced install. OperatorRbacTest compares them with the kinds the operator manages; widen them only together with
the operator code.
*/}}
{{- define "camstream.operatorRules" -}}
# The primary resource: watched and read, never created, changed or deleted by the operator. It adds no finalizer
# (cleanup is garbage collection through owner references, without blockOwnerDeletion), so no update/patch on
# camerastreams and nothing on camerastreams/finalizers.
- apiGroups: ["camstream.io"]
  resources: ["camerastreams"]
  verbs: ["get", "list", "watch"]
# Status is written in one place (status/StatusWriter) with a PUT on the status subresource.
- apiGroups: ["camstream.io"]
  resources: ["camerastreams/status"]
  verbs: ["update"]
# What a CameraStream becomes: MediaMTX Deployment/Service/NetworkPolicy, the Secrets <name>-mediamtx-credentials
# and <name>-mediamtx-config (mediamtx.yml), and one streamer Deployment per camera. Secrets are listed and
# watched only by label selector (the operator's own, and camstream.io/camera-credentials=true for camera Secrets
# their owners opted in); a get reads a camera Secret missing from that cache, to report SecretNotLabelled.
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: [""]
  resources: ["services", "secrets"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
# The recordings' claim <name>-recordings (spec.recording): created, grown and relabelled, never deleted by the
# operator (reclaimPolicy Delete leaves that to garbage collection through the owner reference), so no delete.
- apiGroups: [""]
  resources: ["persistentvolumeclaims"]
  verbs: ["get", "list", "watch", "create", "update"]
# The ConfigMap <name>-mediamtx that older versions wrote mediamtx.yml to: watched (camstream's labels only) and
# deleted when this CameraStream owns it; never created or changed.
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["list", "watch", "delete"]
- apiGroups: ["networking.k8s.io"]
  resources: ["networkpolicies"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
# Kubernetes Events on CameraStreams (what was created, cameras publishing, Ready), recorded like client-go's
# recorder: the same Event again raises the stored one's count (update), found again by its name after a restart
# (get).
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "get", "update"]
# The camera wall in proxy mode asks whether the signed-in user may get a CameraStream before showing it.
- apiGroups: ["authorization.k8s.io"]
  resources: ["localsubjectaccessreviews"]
  verbs: ["create"]
{{- end }}

{{/* The operator's ServiceAccount, as an RBAC subject. */}}
{{- define "camstream.subject" -}}
- kind: ServiceAccount
  name: camstream-operator
  namespace: {{ .Release.Namespace }}
{{- end }}
