#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks for the hub (run) or the tests (test). Idempotent and quiet when
# everything is present. Needs root (or sudo) only when something is missing.
set -euo pipefail
purpose="${1:-test}"

need_java() {
  if ! command -v java >/dev/null 2>&1; then
    apt_install openjdk-17-jdk-headless
  fi
  local version
  version=$(java -version 2>&1 | awk -F'"' '/version/ {print $2}' | cut -d. -f1)
  if [ "${version:-0}" -lt 17 ]; then
    echo "OneCity needs Java 17 or newer; found $version" >&2
    exit 1
  fi
}

apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "Installing: $*"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

need_java

# PixelMed, the DICOM toolkit of the imaging service, comes from Debian (it is on no Maven repository reachable
# here); its jar goes into the local Maven repository under the coordinates the imaging module asks for.
PIXELMED_VERSION=20220618
need_pixelmed() {
  local repo="${MAVEN_REPOSITORY:-$HOME/.m2/repository}"
  local installed="$repo/com/pixelmed/pixelmed/$PIXELMED_VERSION/pixelmed-$PIXELMED_VERSION.jar"
  [ -f "$installed" ] && return 0
  local jar="/usr/share/java/pixelmed-$PIXELMED_VERSION.jar"
  if [ ! -f "$jar" ]; then
    apt_install libpixelmed-java
  fi
  if [ ! -f "$jar" ]; then
    echo "Debian's libpixelmed-java did not provide $jar (another version?); the imaging module needs $PIXELMED_VERSION" >&2
    exit 1
  fi
  # Debian's manifest puts /usr/share/java jars (a second SLF4J binding among them) on any class path that holds
  # PixelMed; the jar is repacked without it
  local work
  work=$(mktemp -d)
  (cd "$work" && mkdir classes && cd classes && jar xf "$jar" && rm -f META-INF/MANIFEST.MF && jar cf ../pixelmed.jar .)
  ./mvnw -q -B install:install-file -Dfile="$work/pixelmed.jar" -DgroupId=com.pixelmed -DartifactId=pixelmed \
    -Dversion="$PIXELMED_VERSION" -Dpackaging=jar -DgeneratePom=true -Dmaven.repo.local="$repo"
  rm -rf "$work"
}

# the imaging tests talk to real DICOM peers: dcmtk's echoscu, storescu, findscu, movescu, storescp, and Orthanc's
# DICOMweb client; their files are made with dcmtk's dump2dcm and converters, JPEG 2000 with OpenJPEG's opj_compress
need_dicom_peers() {
  command -v storescu >/dev/null 2>&1 && command -v dump2dcm >/dev/null 2>&1 || apt_install dcmtk
  command -v opj_compress >/dev/null 2>&1 || apt_install libopenjp2-tools
  [ -f /usr/share/orthanc/plugins/libOrthancDicomWeb.so ] || apt_install orthanc orthanc-dicomweb
}

# compressed pixel data (JPEG, JPEG-LS, JPEG 2000, RLE, deflate) is decoded by GDCM's gdcmconv, in a process of its
# own so that a hostile codestream cannot take the imaging service down with it
need_codecs() {
  command -v gdcmconv >/dev/null 2>&1 || apt_install libgdcm-tools
}

# real-world test objects: the test files of pydicom, a public DICOM library (many transfer syntaxes, modalities,
# photometric interpretations and defects)
need_test_objects() {
  [ -d /usr/lib/python3/dist-packages/pydicom/data/test_files ] || apt_install python3-pydicom
}

# the city deployment test puts two nodes of each service behind a real load balancer
need_load_balancer() {
  command -v haproxy >/dev/null 2>&1 || apt_install haproxy
}

# the Kubernetes files are rendered and validated with npm packages (deploy/kubernetes/validate.sh)
need_node() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || apt_install nodejs npm
}

# the portal's journeys run in a real headless browser (Selenium WebDriver): Debian's Chromium and its driver
need_browser() {
  command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || apt_install chromium chromium-driver
  # Chinese pages need a Chinese font, or the screenshots show boxes
  [ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || apt_install fonts-wqy-microhei
}

need_pixelmed
need_codecs
if [ "$purpose" = "test" ]; then
  need_dicom_peers
  need_test_objects
  need_load_balancer
  need_node
  need_browser
fi
