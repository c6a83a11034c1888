-- Sample CameraStreams for the Argo CD health check; `expected` is the status Argo CD must show.
local function cams(generation, status)
  return { apiVersion = "camstream.io/v1alpha1", kind = "CameraStream",
           metadata = { name = "site", namespace = "cameras", generation = generation }, status = status }
end

local function ready(status, reason, message, observedGeneration)
  return { type = "Ready", status = status, reason = reason, message = message,
           observedGeneration = observedGeneration, lastTransitionTime = "2026-11-25T04:00:00Z" }
end

return {
  { name = "no-status", expected = "Progressing", obj = cams(1, nil) },
  { name = "empty-status", expected = "Progressing", obj = cams(1, {}) },
  { name = "generation-not-observed", expected = "Progressing",
    obj = cams(4, { observedGeneration = 3, readyCameras = "2/2",
                    conditions = { ready("True", "AllCamerasPublishing", "all cameras publishing", 3) } }) },
  { name = "ready-condition-from-older-generation", expected = "Progressing",
    obj = cams(4, { observedGeneration = 4,
                    conditions = { ready("True", "AllCamerasPublishing", "all cameras publishing", 3) } }) },
  { name = "no-ready-condition-yet", expected = "Progressing",
    obj = cams(2, { observedGeneration = 2,
                    conditions = { { type = "MediaServerAvailable", status = "True", reason = "Available" } } }) },
  { name = "ready", expected = "Healthy",
    obj = cams(2, { observedGeneration = 2, readyCameras = "3/3",
                    conditions = { { type = "MediaServerAvailable", status = "True", reason = "Available" },
                                   ready("True", "Ready", "MediaMTX is available and all 3 cameras are publishing", 2) } }) },
  { name = "ready-without-generations", expected = "Healthy",
    obj = { metadata = { name = "site" }, status = { conditions = { ready("True", "Ready") } } } },
  { name = "invalid-spec", expected = "Degraded",
    obj = cams(5, { observedGeneration = 5, conditions = {
      ready("False", "InvalidSpec", "spec.cameras[1].source.url: unsupported scheme", 5) } }) },
  { name = "secret-not-found", expected = "Degraded",
    obj = cams(1, { observedGeneration = 1, conditions = {
      ready("False", "SecretNotFound", "Secret lobby-camera (spec.cameras[0].source.credentialsSecretRef) not found", 1) } }) },
  { name = "secret-key-not-found", expected = "Degraded",
    obj = cams(1, { observedGeneration = 1, conditions = {
      ready("False", "SecretKeyNotFound", "Secret lobby-camera has no key password", 1) } }) },
  { name = "invalid-credentials", expected = "Degraded",
    obj = cams(2, { observedGeneration = 2, conditions = {
      ready("False", "InvalidCredentials", "Secret site-mediamtx-credentials key publisher-username: ...", 2) } }) },
  { name = "secret-not-labelled", expected = "Degraded",
    obj = cams(1, { observedGeneration = 1, conditions = {
      ready("False", "SecretNotLabelled", "kubectl label secret lobby-camera camstream.io/camera-credentials=true", 1) } }) },
  { name = "invalid-credentials-pulled", expected = "Degraded",
    obj = cams(2, { observedGeneration = 2, conditions = {
      ready("False", "InvalidCredentials", "Secret gate-cam key password is empty", 2) } }) },
  { name = "storage-cannot-shrink", expected = "Degraded",
    obj = cams(3, { observedGeneration = 3, conditions = {
      ready("False", "StorageCannotShrink", "spec.recording.storage.size 20Gi is smaller than ...", 3) } }) },
  { name = "storage-class-cannot-change", expected = "Degraded",
    obj = cams(3, { observedGeneration = 3, conditions = {
      ready("False", "StorageClassCannotChange", "spec.recording.storage.storageClassName ...", 3) } }) },
  { name = "storage-cannot-grow", expected = "Degraded",
    obj = cams(3, { observedGeneration = 3, conditions = {
      ready("False", "StorageCannotGrow", "spec.recording.storage.size 100Gi is larger than ...", 3) } }) },
  { name = "reclaim-policy-cannot-change", expected = "Degraded",
    obj = cams(3, { observedGeneration = 3, conditions = {
      ready("False", "ReclaimPolicyCannotChange", "spec.recording.storage.reclaimPolicy Delete would ...", 3) } }) },
  { name = "no-storage-class", expected = "Degraded",
    obj = cams(1, { observedGeneration = 1, readyCameras = "2/2", conditions = {
      ready("False", "NoStorageClass", "PersistentVolumeClaim site-recordings is Pending without a StorageClass", 1) } }) },
  { name = "recordings-volume-lost", expected = "Degraded",
    obj = cams(1, { observedGeneration = 1, conditions = {
      ready("False", "RecordingsVolumeLost", "PersistentVolumeClaim site-recordings lost its volume", 1) } }) },
  { name = "recordings-volume-pending", expected = "Progressing",
    obj = cams(1, { observedGeneration = 1, conditions = {
      ready("False", "RecordingsVolumePending", "PersistentVolumeClaim site-recordings is Pending: waiting ...", 1) } }) },
  { name = "name-conflict", expected = "Degraded",
    obj = cams(1, { observedGeneration = 1, conditions = {
      ready("False", "NameConflict", "Deployment site-mediamtx exists and is not owned by this CameraStream", 1) } }) },
  { name = "node-port-in-use", expected = "Degraded",
    obj = cams(1, { observedGeneration = 1, conditions = {
      ready("False", "NodePortInUse", "spec.mediamtx.webrtcNodePort: node port 30189 is already used by Service cameras/depot-mediamtx", 1) } }) },
  { name = "cameras-not-publishing", expected = "Progressing",
    obj = cams(3, { observedGeneration = 3, readyCameras = "1/2", conditions = {
      ready("False", "CamerasNotPublishing", "camera gate not publishing since 2026-11-25T03:58:00Z", 3) } }) },
  { name = "stalled", expected = "Progressing",
    obj = cams(3, { observedGeneration = 3, conditions = { ready("False", "Stalled", "camera gate stalled", 3) } }) },
  { name = "media-server-unavailable", expected = "Progressing",
    obj = cams(3, { observedGeneration = 3, conditions = { ready("False", "MediaServerUnavailable", nil, 3) } }) },
  { name = "reconcile-error", expected = "Progressing",
    obj = cams(3, { observedGeneration = 3, conditions = {
      ready("False", "ReconcileError", "creating Deployment site-gate: 503 Service Unavailable", 3) } }) },
  { name = "ready-unknown", expected = "Progressing",
    obj = cams(3, { observedGeneration = 3, conditions = {
      ready("Unknown", "MediaServerApiUnreachable", "GET /v3/paths/list: connection refused", 3) } }) },
  { name = "false-without-reason", expected = "Progressing",
    obj = cams(3, { observedGeneration = 3, conditions = { { type = "Ready", status = "False" } } }) },
}
