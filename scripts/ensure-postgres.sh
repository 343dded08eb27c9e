#!/usr/bin/env bash
# Makes sure PostgreSQL's server binaries are installed (the relay's PostgreSQL tests start a
# private cluster with initdb and postgres), then prints the folder holding them. Debian
# keeps them in /usr/lib/postgresql/<major>/bin, off PATH. Installing needs root, as on CI
# and fresh machines; the tests run with PostgreSQL 15 (Debian 12's version).
set -euo pipefail

find_bindir() {
  local dir
  for dir in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ]; then
      echo "$dir"
      return 0
    fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v postgres >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  return 1
}

if ! find_bindir >/dev/null; then
  echo "PostgreSQL is missing: installing Debian's postgresql-15 package" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: installing PostgreSQL needs root (apt-get install -y postgresql-15)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  if apt-cache show postgresql-15 >/dev/null 2>&1; then
    apt-get install -y -qq postgresql-15 >/dev/null
  else
    apt-get install -y -qq postgresql >/dev/null
  fi
fi
find_bindir
