# Test fixture, sourced by the fake util-vserver tools in this directory.
#
# Every call appends its argv to "$FAKE_UV_DIR/calls.log": the tool name and each argument
# terminated by NUL, the call terminated by RS (\036) and a newline. It also appends where its
# stdin points to "$FAKE_UV_DIR/stdin.log".
#
# Behaviour comes from files in "$FAKE_UV_DIR/control", looked up first as <key>.<what> and then
# as <tool>.<what>, where <key> is "vserver.<command>" for vserver (e.g. vserver.start) and the
# tool name otherwise:
#   <key>.stdout / <key>.stderr   printed as they are
#   <key>.exit                    exit code (default 0 when any control file is present)
#   <key>.flood                   prints ~3 MB on one line and 200000 short lines first
#   <key>.hang                    starts "sleep 600", records both pids in $FAKE_UV_DIR/pids, waits
#   <key>.stubborn                like hang, but ignoring SIGTERM (only SIGKILL ends it)
# Without control files the tool runs its default_behaviour function (defined by the tool).

tool=$(basename "$0")
key=$tool
fake_name=
fake_cmd=
fake_rest=()
if [ "$tool" = vserver ]; then
    args=("$@")
    i=0
    while [ $i -lt ${#args[@]} ]; do
        case "${args[$i]}" in
            --) i=$((i + 1)); break ;;
            -*) i=$((i + 1)) ;;
            *) break ;;
        esac
    done
    fake_name=${args[$i]}
    fake_cmd=${args[$((i + 1))]}
    fake_rest=("${args[@]:$((i + 2))}")
    key="vserver.$fake_cmd"
fi

{ printf '%s\0' "$tool" "$@"; printf '\036\n'; } >> "$FAKE_UV_DIR/calls.log"
readlink /proc/$$/fd/0 >> "$FAKE_UV_DIR/stdin.log"

ctl=$FAKE_UV_DIR/control
pick() {
    if [ -e "$ctl/$key.$1" ]; then echo "$ctl/$key.$1"
    elif [ -e "$ctl/$tool.$1" ]; then echo "$ctl/$tool.$1"
    fi
}

controlled=
f=$(pick flood); if [ -n "$f" ]; then
    controlled=1
    head -c 3000000 /dev/zero | tr '\0' 'x'; echo
    seq 1 200000
fi
f=$(pick stdout); if [ -n "$f" ]; then controlled=1; cat "$f"; fi
f=$(pick stderr); if [ -n "$f" ]; then controlled=1; cat "$f" >&2; fi
f=$(pick stubborn); if [ -n "$f" ]; then
    trap '' TERM
    sleep 600 &
    echo $! >> "$FAKE_UV_DIR/pids"; echo $$ >> "$FAKE_UV_DIR/pids"
    while true; do wait; done
fi
f=$(pick hang); if [ -n "$f" ]; then
    sleep 600 &
    echo $! >> "$FAKE_UV_DIR/pids"; echo $$ >> "$FAKE_UV_DIR/pids"
    wait
    exit 99
fi
f=$(pick exit); if [ -n "$f" ]; then exit "$(cat "$f")"; fi
if [ -n "$controlled" ]; then exit 0; fi

default_behaviour
