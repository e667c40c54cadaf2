#!/usr/bin/env bash
# Builds the Java binding with the JDK alone (no Maven or Gradle needed):
#
#   bindings/java/build.sh [jar]    # target/java/iot-error-codes.jar
#   bindings/java/build.sh test     # ... then compile test/ and run the tests against the JAR
#   bindings/java/build.sh bench    # ... then compile bench/ and run the describe() benchmark
#   bindings/java/build.sh classes  # step 2 alone: the classes, for the AAR (bindings/android/)
#   bindings/java/build.sh release DIR  # the JAR, then what a Maven repository takes, into DIR:
#                                   # iot-error-codes-X.Y.Z.jar, -sources.jar, -javadoc.jar and .pom
#
# The JAR's path is the first line on standard output (in `jar` mode the only one), so that a
# later step can take it: `jar=$(bindings/java/build.sh jar)`; `classes` prints the classes'
# directory instead. Everything else that build.sh and the tools it runs say goes to standard
# error, except the tests' and the benchmark's report.
#
# Steps (each is one plain command, easy to port to Gradle or Maven):
#   1. the native libraries. On Linux, one for each Linux JAR folder of capi/targets.tsv,
#      whatever the machine: x86-64, aarch64 and armv7 (hard-float), each built by
#      capi/build-lib.sh --bundle for that Rust target (every exported
#      symbol with its version node; SONAME libiot_error_codes.so; no C cross compiler needed). If
#      the Rust target for another architecture is missing (rustup target add), the JAR goes
#      without that library and a warning says so. On macOS: this machine's libiot_error_codes.dylib from
#      `cargo build --release` (no symbol versions there). On Linux also the Windows DLLs (x86-64,
#      arm64) and macOS dylibs (arm64, x86-64), cross-built by capi/build-lib.sh --bundle with
#      rust-lld, so that the JAR loads on developers' Windows and Mac machines.
#   2. the classes of src/ with `javac --release 8` (Java 8 and Android can use them);
#   3. the JAR: the classes plus each library as /native/<os>-<arch>/<file> (linux-x86_64,
#      linux-aarch64, linux-arm, windows-x86_64, windows-aarch64, macos-aarch64, macos-x86_64),
#      where iot.errorcodes.NativeLibrary looks for it; Main is its entry point; the manifest
#      names the module (Automatic-Module-Name: iot.errorcodes) and the version.
#   release, after 3: the sources JAR (src/), the javadoc JAR (the JDK's javadoc of src/) and
#      the POM (pom.xml.in through bindings/write-pom.sh). dist.sh makes their timestamps
#      reproducible (release/archive.py).
#
# Environment:
#   IOT_ERROR_CODES_LIBRARY  a built library to bundle for this machine's architecture, as it is
#                        (no cargo for it; the other architecture is still built). The same
#                        variable the Java loader and the Python binding honour
#   JAVA_OUT             output directory (default: <repo>/target/java)
#   IOT_ERROR_CODES_CRATE_VERSION  for `test`: the crate version the library must report
#                        (checks/tests/java/main.rs passes Cargo's; without it only its form is checked)
#   JAVA                 for `test` and `bench`: the command that runs the JVM (default: java),
#                        e.g. a foreign JVM under qemu-user (checks/tests/java/qemu.rs):
#                        JAVA="qemu-aarch64 -L ROOT ROOT/usr/lib/jvm/java-17-openjdk-arm64/bin/java"
#   CARGO_TARGET_DIR     as for cargo
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${JAVA_OUT:-$root/target/java}"
mode="${1:-jar}"
case "$mode" in
  jar | test | bench | classes) ;;
  release) release_dir=${2:?usage: $0 release DIR}; mkdir -p "$release_dir"; release_dir=$(cd "$release_dir" && pwd) ;;
  *) echo "usage: $0 [jar|test|bench|classes|release DIR]" >&2; exit 2 ;;
esac
# javac's own warnings are errors; "options" warns about --release 8 itself.
javac_flags=(--release 8 -encoding UTF-8 -Xlint:all,-options -Werror)
# Step 2, the classes of src/ into $out/classes.
compile_classes() {
  rm -rf "$out/classes"
  mkdir -p "$out/classes"
  javac "${javac_flags[@]}" -d "$out/classes" "$here"/src/iot/errorcodes/*.java >&2
}
if [ "$mode" = classes ]; then
  compile_classes
  echo "$out/classes"
  exit 0
fi

# The JAR's library folders, named as NativeLibrary.platform() names them from the JVM's os.name
# and os.arch, each with its Rust target: the jar column of the table of targets (capi/targets.sh).
# On Linux all of them, Windows and macOS included, whatever the machine, built by
# capi/build-lib.sh --bundle (rust-lld: no SDK, no C cross compiler); on macOS this machine's
# only, from `cargo build --release`. Other systems and CPUs are refused: there, load the library with
# -Djava.library.path or -Diot.errorcodes.library instead.
case "$(uname -s)" in
  Linux) os=linux lib=libiot_error_codes.so ;;
  Darwin) os=macos lib=libiot_error_codes.dylib ;;
  *) echo "$0: bundling for $(uname -s) is not supported; set -Diot.errorcodes.library instead" >&2; exit 2 ;;
esac
host=$(rustc -vV | sed -n 's/^host: //p')
host_folder=$("$root/capi/targets.sh" "triple=$host" -- jar)
case "$host_folder" in
  "$os"-*) ;;
  *) echo "$0: bundling for $host is not supported (capi/targets.tsv has no JAR folder for it); set -Diot.errorcodes.library instead" >&2; exit 2 ;;
esac
platforms=()
while IFS=$'\t' read -r triple folder; do
  if [ "$os" = linux ] || [ "$triple" = "$host" ]; then platforms+=("$triple:$folder"); fi
done < <("$root/capi/targets.sh" jar!=- -- triple jar)

target_dir="${CARGO_TARGET_DIR:-target}"
case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac
rm -rf "$out/native-root"

# 1. The native libraries.
bundled=()
for platform in "${platforms[@]}"; do
  triple=${platform%%:*} folder=${platform#*:}
  dir="$out/native-root/native/$folder"
  mkdir -p "$dir"
  if [ "$folder" = "$host_folder" ] && [ -n "${IOT_ERROR_CODES_LIBRARY:-}" ]; then
    cp "$IOT_ERROR_CODES_LIBRARY" "$dir/$lib"
  elif [ "$os" = macos ]; then
    (cd "$root" && cargo build --release -p iot-error-codes-capi >&2)
    cp "$target_dir/release/$lib" "$dir/$lib"
  elif built=$("$root/capi/build-lib.sh" --target "$triple" --bundle --out "$out/lib/$triple"); then
    # The file as its system loads it: libiot_error_codes.so, iot_error_codes.dll or .dylib.
    file=$(basename "$built")
    cp "$built" "$dir/$file"
    echo "build.sh: built $folder's $file" >&2
    bundled+=("native/$folder/$file")
    continue
  else
    if [ "$folder" = "$host_folder" ]; then
      echo "build.sh: cannot build the library for this machine ($triple)" >&2
      exit 1
    fi
    echo "build.sh: WARNING: the JAR has no library for $folder (see above); it runs on $host_folder only" >&2
    rm -rf "$dir"
    continue
  fi
  bundled+=("native/$folder/$lib")
done

# 2. The classes.
compile_classes

# 3. The JAR.
jar="$out/iot-error-codes.jar"
rm -f "$jar"
version=$("$root/capi/build-lib.sh" --print version)
# The module name a modular application requires (docs/java.md); the version the loader names
# its extracted DLL's folder by (NativeLibrary.extractOnce).
printf 'Automatic-Module-Name: iot.errorcodes\nImplementation-Title: iot-error-codes\nImplementation-Version: %s\n' \
  "$version" >"$out/manifest.txt"
jar --create --file "$jar" --main-class iot.errorcodes.Main --manifest "$out/manifest.txt" \
  -C "$out/classes" . -C "$out/native-root" . >&2
echo "build.sh: built $jar with ${bundled[*]}" >&2
echo "$jar"

# What Maven Central requires beside the JAR: sources, javadoc (the JDK's), the POM.
if [ "$mode" = release ]; then
  name="iot-error-codes-$version"
  cp "$jar" "$release_dir/$name.jar"
  jar --create --no-manifest --file "$release_dir/$name-sources.jar" -C "$here/src" . >&2
  rm -rf "$out/javadoc"
  # -notimestamp: no date in the pages, so that two builds write the same bytes.
  javadoc -quiet -notimestamp --release 8 -encoding UTF-8 -Xdoclint:all,-missing -d "$out/javadoc" \
    -sourcepath "$here/src" -windowtitle "iot-error-codes $version" iot.errorcodes >&2
  jar --create --no-manifest --file "$release_dir/$name-javadoc.jar" -C "$out/javadoc" . >&2
  "$root/bindings/write-pom.sh" "$here/pom.xml.in" "$version" >"$release_dir/$name.pom"
  echo "build.sh: wrote $name.jar, $name-sources.jar, $name-javadoc.jar and $name.pom into $release_dir" >&2
  exit 0
fi

# Optional: the tests or the benchmark, compiled against the JAR. The tests also compile the
# examples of example/ (those of docs/java.md and docs/statuses.md), which some of them run.
if [ "$mode" != jar ]; then
  rm -rf "$out/$mode-classes"
  mkdir -p "$out/$mode-classes"
  sources=("$here/$mode"/iot/errorcodes/*.java)
  [ "$mode" = test ] && sources+=("$here"/example/*.java)
  javac "${javac_flags[@]}" -cp "$jar" -d "$out/$mode-classes" "${sources[@]}" >&2
  cp="$jar:$out/$mode-classes"
  read -ra java <<<"${JAVA:-java}"
  if [ "$mode" = test ]; then
    # -Xcheck:jni makes the JVM check every JNI call of the native library. The tests run on the
    # JAR's bundled copy, as shipped: the variable named the library to bundle, not to load.
    env -u IOT_ERROR_CODES_LIBRARY "${java[@]}" -Xcheck:jni -cp "$cp" -Diot.errorcodes.root="$root" \
      ${IOT_ERROR_CODES_CRATE_VERSION:+"-Diot.errorcodes.crateVersion=$IOT_ERROR_CODES_CRATE_VERSION"} \
      iot.errorcodes.TestRunner
  else
    env -u IOT_ERROR_CODES_LIBRARY "${java[@]}" -cp "$cp" iot.errorcodes.DescribeBenchmark
  fi
fi
