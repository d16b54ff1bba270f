#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 the tenant-filter authors
# Tries the README's quick start as a new user would: a fresh WAR (no code, one index.html)
# that depends on the installed JAR, the schema and one tenant in a database of its own, a
# <data-source> and the base domain in web.xml, deployed to a real Payara Micro; then the
# README's three curl lines, checked. Needs psql and createdb on PATH and PostgreSQL on
# 127.0.0.1:5432 (trust auth, as on the build machine).
#
#   src/quickstart/try.sh            # KEEP=1 keeps the WAR and the server log
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
payara_version=$(sed -n 's:.*<payara-micro.version>\(.*\)</payara-micro.version>.*:\1:p' pom.xml)
port=18080
db="quickstart_$$"
work=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  dropdb -h 127.0.0.1 -U postgres --if-exists "$db" || true
  if [ -n "${KEEP:-}" ]; then echo "kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

echo "1. the dependency: mvn -pl filter-module -am install -DskipTests"
mvn -B -q -ntp -pl filter-module -am install -DskipTests

echo "2. the tables and a tenant, in database $db"
createdb -h 127.0.0.1 -U postgres "$db"
psql -q -h 127.0.0.1 -U postgres -d "$db" -f src/sql/schema.sql
psql -q -h 127.0.0.1 -U postgres -d "$db" \
  -c "INSERT INTO tenants (id, name, subdomain) VALUES ('acme', 'Acme', 'acme')"

echo "3. and 4. a fresh WAR: the DataSource and the base domain in its web.xml"
mkdir -p "$work/src/main/webapp/WEB-INF"
cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>yourapp</artifactId>
  <version>1</version>
  <packaging>war</packaging>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency>
      <groupId>io.github.tenantfilter</groupId>
      <artifactId>tenant-filter</artifactId>
      <version>0.1.0-SNAPSHOT</version>
    </dependency>
    <dependency>
      <groupId>org.postgresql</groupId>
      <artifactId>postgresql</artifactId>
      <version>42.7.14</version>
    </dependency>
  </dependencies>
  <build>
    <finalName>yourapp</finalName>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-war-plugin</artifactId>
        <version>3.4.0</version>
      </plugin>
    </plugins>
  </build>
</project>
POM
cat > "$work/src/main/webapp/WEB-INF/web.xml" <<XML
<web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
  <data-source>
    <name>java:app/jdbc/tenants</name>
    <class-name>org.postgresql.ds.PGSimpleDataSource</class-name>
    <url>jdbc:postgresql://127.0.0.1:5432/$db</url>
    <user>postgres</user>
    <password>unused</password>
  </data-source>
  <context-param>
    <param-name>tenant-filter.datasource</param-name>
    <param-value>java:app/jdbc/tenants</param-value>
  </context-param>
  <context-param>
    <param-name>tenant-filter.base-domains</param-name>
    <param-value>app.example.com</param-value>
  </context-param>
</web-app>
XML
echo '<!doctype html><title>yourapp</title><p>your page</p>' > "$work/src/main/webapp/index.html"
(cd "$work" && mvn -B -q -ntp package)

echo "5. deployed to Payara Micro $payara_version on port $port, then curl"
mvn -B -q -ntp dependency:get -Dartifact="fish.payara.extras:payara-micro:$payara_version"
java -jar "$HOME/.m2/repository/fish/payara/extras/payara-micro/$payara_version/payara-micro-$payara_version.jar" \
  --port "$port" --nocluster --deploy "$work/target/yourapp.war" > "$work/payara.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  grep -q "ready in" "$work/payara.log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/payara.log"; exit 1; }
  sleep 1
done
status() { curl -s -o /dev/null -w '%{http_code}' -H "Host: $1" "http://127.0.0.1:$port/yourapp/"; }
failed=0
check() {
  local got; got=$(status "$1")
  if [ "$got" = "$2" ]; then echo "   Host: $1 -> $got"; else echo "   Host: $1 -> $got, expected $2"; failed=1; fi
}
check acme.app.example.com 200
check nobody.app.example.com 404
check bad_host 400
[ "$failed" = 0 ] || { grep -i "severe\|tenant-filter" "$work/payara.log" | tail -20; exit 1; }
echo "the quick start works"
