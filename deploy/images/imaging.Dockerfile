# The imaging service: its Spring Boot jar on Debian's Java 17, run as a user without privileges.
# Build from the repository root after `./mvnw -B -DskipTests package`:
#   docker build -f deploy/images/imaging.Dockerfile -t onecity/imaging:VERSION .
# The heap and JVM flags come from the Deployment (JAVA_TOOL_OPTIONS in deploy/kubernetes/base/imaging.yaml).
FROM debian:bookworm-slim
# GDCM's gdcmconv decodes compressed pixel data (JPEG, JPEG-LS, JPEG 2000, RLE) in a process of its own
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jre-headless libgdcm-tools \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --no-create-home onecity
COPY imaging/target/imaging.jar /app/imaging.jar
USER 10001:10001
WORKDIR /tmp
ENTRYPOINT ["java", "-jar", "/app/imaging.jar"]
