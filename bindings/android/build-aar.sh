#!/usr/bin/env bash
# Builds the Android library (AAR) and its POM into a folder:
#
#   bindings/android/build-aar.sh OUTDIR
#
# writes OUTDIR/iot-error-codes-android-X.Y.Z.aar and OUTDIR/iot-error-codes-android-X.Y.Z.pom
# (the names a Maven repository gives them) and prints the AAR's path; all else goes to
# standard error. The AAR holds
#
#   AndroidManifest.xml   this folder's: the package and minSdkVersion
#   classes.jar           the Java binding's classes (bindings/java/build.sh classes:
#                         javac --release 8), the same classes as the JAR's
#   jni/<abi>/libiot_error_codes.so
#                         for arm64-v8a, armeabi-v7a, x86 and x86_64, each built by
#                         capi/build-lib.sh --bundle for its Rust target (rust-lld: no NDK)
#   proguard.txt          this folder's consumer R8/ProGuard rules
#   res/, R.txt           empty: the library has no resources (the AAR format requires both)
#
# The POM is pom.xml.in with the version (capi/build-lib.sh --print version) and the fields
# Maven Central requires (bindings/write-pom.sh, shared with the JAR's POM). Its artifactId
# is iot-error-codes-android: the JAR is iot.errorcodes:iot-error-codes (docs/java.md), and one
# POM per coordinate means the two cannot share one.
#
# Needs cargo (build-lib.sh adds a missing Rust target with rustup) and a JDK.
# Environment: CARGO_TARGET_DIR as for cargo; the work files go to <target dir>/android.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:?usage: build-aar.sh OUTDIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
target_dir=${CARGO_TARGET_DIR:-$root/target}
case "$target_dir" in /*) ;; *) target_dir=$root/$target_dir ;; esac
work=$target_dir/android
version=$("$root/capi/build-lib.sh" --print version)
name=iot-error-codes-android-$version

rm -rf "$work"
mkdir -p "$work/aar/res"

# The Android ABIs (the APK's lib/<abi>/ folder) and the Rust target of each:
# the aar column of the table of targets, capi/targets.sh.
while IFS=$'\t' read -r triple abi; do
  built=$(CARGO_TARGET_DIR="$target_dir" "$root/capi/build-lib.sh" --target "$triple" --bundle --out "$work/lib/$triple")
  mkdir -p "$work/aar/jni/$abi"
  cp "$built" "$work/aar/jni/$abi/libiot_error_codes.so"
done < <("$root/capi/targets.sh" aar!=- -- triple aar)

classes=$(JAVA_OUT="$work/java" "$root/bindings/java/build.sh" classes)
jar --create --no-manifest --file "$work/aar/classes.jar" -C "$classes" .
# The AAR nests classes.jar: its entries get the release's time and order here, the AAR's in dist.sh.
"$root/release/archive.py" normalize "$work/aar/classes.jar"
cp "$here/AndroidManifest.xml" "$here/proguard.txt" "$work/aar/"
: >"$work/aar/R.txt"

rm -f "$out/$name.aar"
jar --create --no-manifest --file "$out/$name.aar" -C "$work/aar" .
"$root/bindings/write-pom.sh" "$here/pom.xml.in" "$version" >"$out/$name.pom"
echo "build-aar.sh: built $out/$name.aar and $name.pom" >&2
echo "$out/$name.aar"
