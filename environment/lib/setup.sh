# Set-up of a machine for lrlab, sourced by the verbs. Every step is idempotent: it records a stamp
# (a hash of its inputs) in environment/.state only after it succeeded, so a second run skips what
# has not changed and a failed step is simply redone next time.
# Requires LRLAB_ROOT and LRLAB_ENV (exported by environment/workbook).

: "${LRLAB_ROOT:?run through environment/workbook}"
LRLAB_STATE="$LRLAB_ENV/.state"
LRLAB_VENV="$LRLAB_ROOT/.venv"
LRLAB_TARGET="${LRLAB_TARGET:-$LRLAB_ROOT/target}"
export LRLAB_VENV LRLAB_TARGET
mkdir -p "$LRLAB_STATE"

say() { printf 'workbook: %s\n' "$*" >&2; }
die() { printf 'workbook: error: %s\n' "$*" >&2; exit 1; }

# hash of files/dirs (content + names), to decide whether a step must rerun
inputs_hash() {
  (cd "$LRLAB_ROOT" && find "$@" -type f ! -name '*.class' -print0 2>/dev/null | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16
}
stamp_ok() { [ -f "$LRLAB_STATE/$1" ] && [ "$(cat "$LRLAB_STATE/$1")" = "$2" ]; }
stamp_set() { printf '%s' "$2" >"$LRLAB_STATE/$1"; }

check_prerequisites() {
  local missing=()
  if ! command -v java >/dev/null || ! command -v javac >/dev/null || ! command -v jar >/dev/null; then
    missing+=("Java 17+ (Debian: apt-get install openjdk-17-jdk-headless)")
  else
    local jv; jv=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')
    [ "${jv%%.*}" -ge 17 ] 2>/dev/null || missing+=("Java 17+ (found Java $jv; Debian: apt-get install openjdk-17-jdk-headless)")
  fi
  command -v mvn >/dev/null || missing+=("Maven 3.6+ (Debian: apt-get install maven)")
  if ! command -v python3 >/dev/null; then
    missing+=("Python 3.9+ (Debian: apt-get install python3 python3-venv)")
  elif ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 9))'; then
    missing+=("Python 3.9+ (found $(python3 --version 2>&1))")
  fi
  command -v npm >/dev/null || missing+=("Node.js with npm (Debian: apt-get install nodejs npm)")
  if [ ${#missing[@]} -gt 0 ]; then
    for m in "${missing[@]}"; do say "missing prerequisite: $m"; done
    exit 1
  fi
}

ensure_venv() {
  local want; want=$(inputs_hash environment/requirements.txt)
  if stamp_ok venv "$want" && [ -x "$LRLAB_VENV/bin/jupyter" ]; then return; fi
  say "installing the Python environment into .venv (JupyterLab, JJava kernel, nbgrader, Jupyter Book) ..."
  rm -f "$LRLAB_STATE/venv"
  [ -x "$LRLAB_VENV/bin/python" ] || python3 -m venv "$LRLAB_VENV" || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
  "$LRLAB_VENV/bin/pip" install --quiet --disable-pip-version-check -r "$LRLAB_ENV/requirements.txt" \
    || die "pip install -r environment/requirements.txt failed (see above); rerun to retry"
  stamp_set venv "$want"
}

ensure_library() {
  local want; want=$(inputs_hash pom.xml lib-src/main lib-src/oracle)
  if stamp_ok library "$want" && [ -f "$LRLAB_TARGET/lrlab.jar" ] && [ -f "$LRLAB_TARGET/lrlab-oracle.jar" ]; then return; fi
  say "building the lrlab library (mvn package) ..."
  rm -f "$LRLAB_STATE/library"
  # compile from the sources alone: a class whose source was moved or deleted (the oracle replay left the
  # library for its own source set) must not linger in target/classes and so in lrlab.jar
  rm -rf "$LRLAB_TARGET/classes" "$LRLAB_TARGET/test-classes"
  (cd "$LRLAB_ROOT" && mvn -q -B package -DskipTests -Dlrlab.buildDir="$LRLAB_TARGET") >"$LRLAB_STATE/mvn.log" 2>&1 \
    || { cat "$LRLAB_STATE/mvn.log" >&2; die "the library did not build (log above)"; }
  stamp_set library "$want"
}

# the kernel's classpath: the library jar and every runtime dependency, listed one by one (the oracle
# replay's own jar, lrlab-oracle.jar, is not on it: students load only what they use)
kernel_classpath() {
  local cp="$LRLAB_TARGET/lrlab.jar" jar
  for jar in "$LRLAB_TARGET"/lib/*.jar; do cp="$cp:$jar"; done
  printf '%s' "$cp"
}

# what the kernel's jar and archive are built for, for their stamps: the java on PATH, where it
# really lives, its build (the JDK's release file, its JVM library and base CDS archive: an update
# replaces them) and JJava's jar; no JVM is started for this
kernel_platform() {
  local java home; java=$(command -v java); home=$(dirname "$(dirname "$(readlink -f "$java")")")
  printf '%s %s\n' "$java" "$home"
  cat "$home/release" 2>/dev/null || true
  stat -c '%n %s %Y' "$home"/lib/server/libjvm.so "$home"/lib/server/classes.jsa 2>/dev/null || true
  sha256sum "$1/jjava.jar"
}

# JJava runs through our own main (environment/kernel/KernelMain.java: one JVM, exits on shutdown)
# with one JJava extension (DeferredIndexing.java); their jar lives beside jjava.jar in the venv's
# kernel folder
ensure_kernel_launcher() {
  local dir="$1" jar="$1/lrlab-kernel.jar" want classes
  want=$({ inputs_hash environment/kernel; printf '%s\n' "$2"; } | sha256sum | cut -c1-16)
  if stamp_ok kernel-launcher "$want" && [ -f "$jar" ]; then return; fi
  rm -f "$LRLAB_STATE/kernel-launcher"
  classes=$(mktemp -d)
  javac --release 17 -nowarn -cp "$dir/jjava.jar" -d "$classes" "$LRLAB_ENV"/kernel/*.java >"$LRLAB_STATE/kernel-launcher.log" 2>&1 \
    && jar --create --file "$jar.$$.tmp" -C "$classes" . -C "$LRLAB_ENV/kernel" META-INF >>"$LRLAB_STATE/kernel-launcher.log" 2>&1 \
    || { rm -rf "$classes" "$jar.$$.tmp"; cat "$LRLAB_STATE/kernel-launcher.log" >&2; die "the kernel's main class did not build (log above)"; }
  rm -rf "$classes"
  mv -f "$jar.$$.tmp" "$jar"
  stamp_set kernel-launcher "$want"
}

# The kernel JVM's class-data-sharing archive (the classes of JJava, JShell and javac, and those of
# the library that the training run loads, parsed and verified once): recorded by one training run of
# the kernel. Redone when the JDK, jjava.jar, the launcher jar (the JVM checks size and time of both),
# the library's jars or the recording code change. A failure costs speed, not function: the kernel
# then starts without it and the next set-up tries again.
ensure_kernel_archive() {
  local dir="$1" jsa="$1/lrlab-kernel.jsa" want training
  training=$(cd "$LRLAB_ROOT" && ls notebooks/*.ipynb | head -n 1)
  want=$({ { printf '%s\n' "$dir/lrlab-kernel.jar" "$dir/jjava.jar"; kernel_classpath | tr ':' '\n'; } \
             | xargs -d '\n' stat -c '%n %s %Y'
           printf '%s\n' "$2"; inputs_hash environment/tools/kernelspec.py "$training"; } | sha256sum | cut -c1-16)
  if stamp_ok kernel-archive "$want" && [ -f "$jsa" ]; then return 0; fi
  rm -f "$LRLAB_STATE/kernel-archive"
  say "recording the Java kernel's class-data-sharing archive (one kernel run on $training) ..."
  if "$LRLAB_VENV/bin/python" "$LRLAB_ENV/tools/kernelspec.py" archive "$dir" --classpath "$(kernel_classpath)" \
       --launcher "$dir/lrlab-kernel.jar" --java "$(command -v java)" --out "$jsa" \
       --training "$LRLAB_ROOT/$training" >"$LRLAB_STATE/kernel-archive.log" 2>&1; then
    stamp_set kernel-archive "$want"
  else
    rm -f "$jsa"
    say "warning: no class-data-sharing archive for the kernel (log: environment/.state/kernel-archive.log); kernels start without it, a little slower"
  fi
}

ensure_kernel() {
  local dir="$LRLAB_VENV/share/jupyter/kernels/java" archive=() platform
  [ -f "$dir/jjava.jar" ] || die "the JJava kernel is not in the venv ($dir); delete environment/.state/venv and rerun"
  platform=$(kernel_platform "$dir")
  ensure_kernel_launcher "$dir" "$platform"
  ensure_kernel_archive "$dir" "$platform"
  if [ -f "$dir/lrlab-kernel.jsa" ]; then archive=(--archive "$dir/lrlab-kernel.jsa"); fi
  "$LRLAB_VENV/bin/python" "$LRLAB_ENV/tools/kernelspec.py" install "$dir" --classpath "$(kernel_classpath)" \
    --launcher "$dir/lrlab-kernel.jar" --java "$(command -v java)" ${archive[@]+"${archive[@]}"}
  # classrooms are often offline: JupyterLab must not ask to fetch news or check for updates;
  # "defer" windowing renders every cell's output (charts below the fold too) once the page is idle
  local overrides="$LRLAB_VENV/share/jupyter/lab/settings/overrides.json"
  mkdir -p "$(dirname "$overrides")"
  printf '%s\n' '{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}, "@jupyterlab/notebook-extension:tracker": {"windowingMode": "defer"}}' >"$overrides"
}

ensure_npm() {
  local want; want=$(inputs_hash environment/package.json environment/package-lock.json)
  if stamp_ok npm "$want" && [ -d "$LRLAB_ENV/node_modules/plotly.js-dist-min" ]; then return; fi
  say "installing front-end assets (plotly.js, MathJax, playwright-core) into environment/node_modules ..."
  rm -f "$LRLAB_STATE/npm"
  (cd "$LRLAB_ENV" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) >&2 \
    || die "npm ci in environment/ failed (see above); rerun to retry"
  stamp_set npm "$want"
}

# the optional PyTorch venv of `oracles` (never used by the tests); see environment/requirements-torch.txt
LRLAB_TORCH_VENV="$LRLAB_ROOT/.venv-torch"
ensure_torch_venv() {
  local want; want=$(inputs_hash environment/requirements-torch.txt)
  if stamp_ok venv-torch "$want" && [ -x "$LRLAB_TORCH_VENV/bin/python" ]; then return; fi
  say "installing PyTorch (environment/requirements-torch.txt) into .venv-torch; a few GB, several minutes ..."
  rm -f "$LRLAB_STATE/venv-torch"
  [ -x "$LRLAB_TORCH_VENV/bin/python" ] || python3 -m venv "$LRLAB_TORCH_VENV" \
    || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
  "$LRLAB_TORCH_VENV/bin/pip" install --quiet --disable-pip-version-check -r "$LRLAB_ENV/requirements-torch.txt" \
    || die "pip install -r environment/requirements-torch.txt failed (see above); rerun to retry"
  "$LRLAB_TORCH_VENV/bin/python" -W ignore -c 'import torch' \
    || die "torch does not import in .venv-torch (see above); delete .venv-torch and rerun"
  stamp_set venv-torch "$want"
}

ensure_chromium() {
  [ -x /usr/bin/chromium ] && return
  say "installing Debian's chromium for the browser tests ..."
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium; } >"$LRLAB_STATE/apt.log" 2>&1 \
    || { tail -20 "$LRLAB_STATE/apt.log" >&2; die "apt-get install chromium failed (log above)"; }
}

# bubblewrap: the sandbox every graded notebook's kernel runs in (grade, test). Not fatal here: without it
# `grade` stops with a message naming the fix, unless it is told --no-sandbox.
ensure_bubblewrap() {
  command -v bwrap >/dev/null && return
  say "installing Debian's bubblewrap (the sandbox students' code is graded in) ..."
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq bubblewrap; } \
      >"$LRLAB_STATE/apt-bubblewrap.log" 2>&1; then
    tail -5 "$LRLAB_STATE/apt-bubblewrap.log" >&2
    say "could not install bubblewrap (log above): install it with 'sudo apt-get install bubblewrap'"
  fi
}

# everything the notebooks need; the browser only for verbs that drive it
setup_all() {
  check_prerequisites
  ensure_venv
  ensure_library
  ensure_kernel
  ensure_npm
  export PATH="$LRLAB_VENV/bin:$PATH"
  export JUPYTER_PATH="$LRLAB_VENV/share/jupyter" JUPYTER_DATA_DIR="$LRLAB_VENV/share/jupyter"
  export JUPYTER_CONFIG_DIR="$LRLAB_STATE/jupyter-config"
}
