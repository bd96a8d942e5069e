# The emulator with the example service, for `docker compose up`.
# Build stage: the same Maven build as on a developer's machine.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY emulator/pom.xml emulator/
COPY handlers/pom.xml handlers/
COPY it/pom.xml it/
COPY bench/pom.xml bench/
COPY emulator/src emulator/src
COPY handlers/src handlers/src
COPY handlers/serverless.yml handlers/
RUN mvn -B -q -DskipTests -pl emulator,handlers -am package

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/emulator/target/iotlocal.jar /app/iotlocal.jar
COPY --from=build /src/handlers/serverless.yml /app/service/serverless.yml
COPY --from=build /src/handlers/target/foobar-handlers.jar /app/service/target/foobar-handlers.jar
EXPOSE 4566 1883
# In a container the emulator must listen on every interface to be reachable through the published ports.
ENTRYPOINT ["java", "-jar", "/app/iotlocal.jar", "--host", "0.0.0.0"]
CMD ["--config", "/app/service/serverless.yml"]
