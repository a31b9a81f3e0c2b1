#!/bin/bash
# try.sh JAR NAME DELAY: start a shrunk default run, SIGTERM it after DELAY s, report exit code and crash files
JAR=$1; NAME=$2; DELAY=$3
D=/tmp/sig/$NAME; rm -rf $D; mkdir -p $D; cd $D
java -jar $JAR run --output run --set teacher.maxTrainExamples=800 --set teacher.training.epochs=1 --set augmentation.copies=1 --set student.seeds=1 --set student.training.epochs=2 > out.txt 2> err.txt &
PID=$!
sleep $DELAY
kill -TERM $PID
wait $PID; RC=$?
echo "$NAME rc=$RC hs_err=$(ls hs_err* 2>/dev/null | wc -l) last-err: $(grep -v 'WARN\|INFO' err.txt | tail -2 | tr '\n' ' ' | cut -c1-200)"
