#!/usr/bin/env bash
# Builds the operator and streamer images, tagged with the names in k8s/operator/images.env (the one place image
# names and tags live), and optionally loads them into a local cluster.
#   hack/build-images.sh                 build only
#   hack/build-images.sh kind [CLUSTER]  build, then `kind load docker-image` (default cluster: kind)
#   hack/build-images.sh k3d [CLUSTER]   build, then `k3d image import`  (default cluster: k3s-default)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../k8s/operator/images.env
source k8s/operator/images.env

docker build -f operator/Dockerfile -t "$CAMSTREAM_OPERATOR_IMAGE" .
docker build -f streamer/Dockerfile -t "$CAMSTREAM_STREAMER_IMAGE" .

case "${1:-}" in
  "") ;;
  kind)
    docker pull "$CAMSTREAM_MEDIAMTX_IMAGE"
    kind load docker-image --name "${2:-kind}" "$CAMSTREAM_OPERATOR_IMAGE" "$CAMSTREAM_STREAMER_IMAGE" "$CAMSTREAM_MEDIAMTX_IMAGE"
    ;;
  k3d)
    docker pull "$CAMSTREAM_MEDIAMTX_IMAGE"
    k3d image import --cluster "${2:-k3s-default}" "$CAMSTREAM_OPERATOR_IMAGE" "$CAMSTREAM_STREAMER_IMAGE" "$CAMSTREAM_MEDIAMTX_IMAGE"
    ;;
  *)
    echo "unknown cluster kind '$1' (expected kind or k3d)" >&2
    exit 2
    ;;
esac
