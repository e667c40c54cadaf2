#!/usr/bin/env bash
# Builds the Java binding with the JDK alone (no Maven or Gradle needed):
#
#   bindings/java/build.sh          # target/java/iot-error-codes.jar
#   bindings/java/build.sh test     # ... then compile test/ and run the tests against the JAR
#   bindings/java/build.sh bench    # ... then compile bench/ and run the describe() benchmark
#
# Steps (each is one plain command, easy to port to Gradle or Maven):
#   1. the native library: `cargo build --release`, unless IOT_ERROR_CODES_LIBRARY
#      names a library that is already built;
#   2. the classes of src/ with `javac --release 8` (Java 8 and Android can use them);
#   3. the JAR: the classes plus the library as /native/<os>-<arch>/<file>,
#      where iot.errorcodes.NativeLibrary looks for it; Main is its entry point.
#
# Environment:
#   IOT_ERROR_CODES_LIBRARY  a built libiot_error_codes.so to bundle (skips cargo); the
#                        same variable the Java loader and the Python binding honour
#   JAVA_OUT             output directory (default: <repo>/target/java)
#   IOT_ERROR_CODES_CRATE_VERSION  for `test`: the crate version the library must report
#                        (tests/java.rs passes Cargo's; without it only its form is checked)
#   CARGO_TARGET_DIR     as for cargo
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${JAVA_OUT:-$root/target/java}"
mode="${1:-jar}"
case "$mode" in jar | test | bench) ;; *) echo "usage: $0 [jar|test|bench]" >&2; exit 2 ;; esac

# The JAR directory for this machine, named as NativeLibrary.platform() names it from the JVM's
# os.name and os.arch. The two map the same names; keep them in step. Other machines are refused
# rather than bundled under a name the loader would not look for: there, load the library with
# -Djava.library.path or -Diot.errorcodes.library instead.
case "$(uname -s)" in
  Linux) os=linux lib=libiot_error_codes.so ;;
  Darwin) os=macos lib=libiot_error_codes.dylib ;;
  *) echo "$0: bundling for $(uname -s) is not supported; set -Diot.errorcodes.library instead" >&2; exit 2 ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) echo "$0: bundling for the $(uname -m) architecture is not supported (only x86_64 and aarch64); set -Diot.errorcodes.library instead" >&2; exit 2 ;;
esac

# 1. The native library.
if [ -z "${IOT_ERROR_CODES_LIBRARY:-}" ]; then
  (cd "$root" && cargo build --release)
  target="${CARGO_TARGET_DIR:-target}"
  case "$target" in /*) ;; *) target="$root/$target" ;; esac
  IOT_ERROR_CODES_LIBRARY="$target/release/$lib"
fi

# 2. The classes (javac's own warnings are errors; "options" warns about --release 8 itself).
javac_flags=(--release 8 -encoding UTF-8 -Xlint:all,-options -Werror)
rm -rf "$out/classes" "$out/native-root"
mkdir -p "$out/classes" "$out/native-root/native/$os-$arch"
javac "${javac_flags[@]}" -d "$out/classes" "$here"/src/iot/errorcodes/*.java

# 3. The JAR.
cp "$IOT_ERROR_CODES_LIBRARY" "$out/native-root/native/$os-$arch/$lib"
rm -f "$out/iot-error-codes.jar"
jar cfe "$out/iot-error-codes.jar" iot.errorcodes.Main -C "$out/classes" . -C "$out/native-root" .
echo "built $out/iot-error-codes.jar (native/$os-$arch/$lib)"

# Optional: the tests or the benchmark, compiled against the JAR.
if [ "$mode" != jar ]; then
  rm -rf "$out/$mode-classes"
  mkdir -p "$out/$mode-classes"
  javac "${javac_flags[@]}" -cp "$out/iot-error-codes.jar" -d "$out/$mode-classes" "$here/$mode"/iot/errorcodes/*.java
  cp="$out/iot-error-codes.jar:$out/$mode-classes"
  if [ "$mode" = test ]; then
    # -Xcheck:jni makes the JVM check every JNI call of the native library. The tests run on the
    # JAR's bundled copy, as shipped: the variable named the library to bundle, not to load.
    env -u IOT_ERROR_CODES_LIBRARY java -Xcheck:jni -cp "$cp" -Diot.errorcodes.root="$root" \
      ${IOT_ERROR_CODES_CRATE_VERSION:+"-Diot.errorcodes.crateVersion=$IOT_ERROR_CODES_CRATE_VERSION"} \
      iot.errorcodes.TestRunner
  else
    env -u IOT_ERROR_CODES_LIBRARY java -cp "$cp" iot.errorcodes.DescribeBenchmark
  fi
fi
