#!/usr/bin/env bash
# Writes a POM to standard output from a template:
#
#   bindings/write-pom.sh TEMPLATE VERSION
#
# replacing @VERSION@ with VERSION and the line @PROJECT_INFO@ with
# bindings/pom-project-info.xml: the URL, licenses, developers and SCM that
# Maven Central requires, written once for the JAR's POM (bindings/java/pom.xml.in)
# and the AAR's (bindings/android/pom.xml.in).
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: bindings/write-pom.sh TEMPLATE VERSION" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
template=$1 version=$2
grep -qx '@PROJECT_INFO@' "$template" || { echo "write-pom.sh: $template has no @PROJECT_INFO@ line" >&2; exit 1; }
sed -e "s/@VERSION@/$version/" -e "/^@PROJECT_INFO@\$/{r $here/pom-project-info.xml" -e 'd;}' "$template"
