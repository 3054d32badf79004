# The billing service: its Spring Boot jar on Debian's Java 17, run as a user without privileges.
# Build from the repository root after `./mvnw -B -DskipTests package`:
#   docker build -f deploy/images/billing.Dockerfile -t onecity/billing:VERSION .
# The heap and JVM flags come from the Deployment (JAVA_TOOL_OPTIONS in deploy/kubernetes/base/billing.yaml).
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --no-create-home onecity
COPY billing/target/billing.jar /app/billing.jar
USER 10001:10001
WORKDIR /tmp
ENTRYPOINT ["java", "-jar", "/app/billing.jar"]
