#!/bin/sh
# Creates the namespace the worker uses, once. Closed conventions' histories stay readable
# (`convention history`) for the retention period; the decision register keeps them for good.
set -eu

if temporal operator namespace describe --namespace "$NAMESPACE" >/dev/null 2>&1; then
  echo "namespace $NAMESPACE exists"
else
  temporal operator namespace create --namespace "$NAMESPACE" --retention "$RETENTION"
fi
