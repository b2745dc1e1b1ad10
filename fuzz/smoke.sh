#!/bin/sh
# smoke.sh -- run each libFuzzer target for a bounded time; fail on a crash.
#
# usage: fuzz/smoke.sh TARGET...	(run from the build directory, where
#					 fuzz/TARGET was built; `make fuzz-smoke`)
# FUZZ_SECONDS	seconds per target (default 60)
# FUZZ_CORPUS	corpus root (default fuzz/corpus in the build directory,
#		seeded by fuzz/mkcorpus.sh the first time)
#
# Each run appends "DATE TARGET SECONDS EXECUTIONS RESULT" to
# fuzz/executions.log (doc/fuzzing.md records the totals), and leaves
# fuzz/TARGET.log and an automake-style fuzz/TARGET.trs, so that .ci/run's
# summary counts each target as a test.  A crash leaves
# its input as fuzz/crash-TARGET-* (replay: ./fuzz/TARGET FILE).
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
secs=${FUZZ_SECONDS:-60}
corpus=${FUZZ_CORPUS:-fuzz/corpus}
mkdir -p fuzz "$corpus"
if [ ! -d "$corpus/keys" ] || [ -z "$(ls -A "$corpus/keys" 2>/dev/null)" ] ||
    [ ! -d "$corpus/log" ] ||
    [ ! -d "$corpus/dedup" ] || [ -z "$(ls -A "$corpus/dedup" 2>/dev/null)" ]
then
	sh "$top/fuzz/mkcorpus.sh" "$corpus" || exit 1
fi
cat "$top/fuzz/dot11.dict" "$top/fuzz/capfile.dict" >fuzz/capfile-all.dict
cat "$top/fuzz/dot11.dict" "$top/fuzz/keys.dict" >fuzz/keys-all.dict

failed=0
for t in "$@"; do
	case $t in
	fuzz_parse)	sub=parse dict=$top/fuzz/dot11.dict len=4097 ;;
	fuzz_engine)	sub=engine dict=$top/fuzz/dot11.dict len=65536 ;;
	fuzz_capfile)	sub=capfile dict=fuzz/capfile-all.dict len=65537 ;;
	fuzz_sla)	sub=sla dict=$top/fuzz/sla.dict len=4096 ;;
	fuzz_keys)	sub=keys dict=fuzz/keys-all.dict len=65536 ;;
	fuzz_log)	sub=log dict=$top/fuzz/log.dict len=16384 ;;
	fuzz_dedup)	sub=dedup dict=$top/fuzz/dot11.dict len=16384 ;;
	*)		echo "smoke.sh: unknown target $t" >&2; exit 2 ;;
	esac
	if [ ! -x "fuzz/$t" ]; then
		echo "smoke.sh: fuzz/$t is not built (configure CC=clang" \
		    "--enable-fuzzing, then make fuzz-smoke)" >&2
		exit 2
	fi
	mkdir -p "$corpus/$sub"
	log=fuzz/$t.log
	echo "  FUZZ     $t for ${secs}s"
	rc=0
	"./fuzz/$t" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2560 \
	    -max_len="$len" -dict="$dict" -print_final_stats=1 \
	    -artifact_prefix="fuzz/crash-$t-" "$corpus/$sub" >"$log" 2>&1 ||
	    rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" |
	    tail -n 1)
	: "${execs:=0}"
	if [ "$rc" -eq 0 ]; then
		res=ok
	else
		res="FAILED($rc)"
		failed=1
		echo "smoke.sh: $t failed (exit $rc); the end of $log:" >&2
		tail -n 40 "$log" >&2
	fi
	echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $t $secs $execs $res" \
	    >>fuzz/executions.log
	if [ "$res" = ok ]; then r=PASS; else r=FAIL; fi
	printf ':test-result: %s\n:global-test-result: %s\n' "$r" "$r" \
	    >"fuzz/$t.trs"
	echo "  FUZZ     $t: $execs executions, $res"
done
exit "$failed"
