#!/usr/bin/env bash
# A stand-in for a batch scheduler's submit command (sbatch, qsub): Snakemake passes the job
# script last; it is started as a process of its own, detached, and its id is the job id.
# Snakemake learns that the job ended from the marker files the job script writes.
set -euo pipefail
jobscript="${*: -1}"
nohup bash "$jobscript" >"$jobscript.out" 2>&1 &
echo "$!"
