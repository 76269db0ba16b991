#!/usr/bin/env bash
# Fails when the stack's key is two days or more past its rotation date, from the stack's state
# alone: no NCP credentials, no program run, only `pulumi` logged in to the stack's backend
# (PULUMI_ACCESS_TOKEN for Pulumi Cloud). State that no run has updated keeps the old `rotatesAt`,
# so a schedule that stopped (dropped runs, a workflow GitHub disabled, a stalled operator) shows
# as a date in the past. Run it from a scheduler other than the one that runs `pulumi up`: a check
# on the same scheduler stops with it.
#   usage: check-rotation.sh <org/project/stack> [grace days, default 2]
# Exit status: 0 in time, 1 overdue, 2 cannot tell (no such stack or output). Needs GNU date.
set -euo pipefail
stack="${1:?usage: check-rotation.sh <org/project/stack> [grace days, default 2]}"
grace_days="${2:-2}"

due=$(pulumi stack output rotatesAt --stack "$stack") || { echo "cannot read rotatesAt of $stack" >&2; exit 2; }
due_seconds=$(date -u -d "$due" +%s 2>/dev/null) || { echo "rotatesAt of $stack is not a date: '$due'" >&2; exit 2; }
late_seconds=$(( $(date -u +%s) - due_seconds ))
if (( late_seconds >= grace_days * 86400 )); then
  echo "OVERDUE: the key of $stack was due for rotation at $due, $(( late_seconds / 86400 )) days ago: no pulumi up has rotated it since" >&2
  exit 1
fi
echo "ok: the key of $stack is due for rotation at $due"
