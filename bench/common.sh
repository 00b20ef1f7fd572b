# Sourced by the bench scripts: from the repository's top, a work directory ($work, BENCH_DIR to
# reuse one), the release binary ($bin), and the machine described on the first line of output.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
work="${BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$work"
cargo build --release -q
bin=./target/release/vncite
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
