<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Coroscope::LoopStatePanel</name>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Coroscope::MainWindow</name>
    <message numerus="yes">
        <source>Comparison stopped after %n strategy(ies)</source>
        <translation>
            <numerusform>Comparison stopped after %n strategy</numerusform>
            <numerusform>Comparison stopped after %n strategies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Running %Ln task(s) with the %1 strategy…</source>
        <translation>
            <numerusform>Running %Ln task with the %1 strategy…</numerusform>
            <numerusform>Running %Ln tasks with the %1 strategy…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Runs the workload of the run panel (%Ln task(s)) under each checked strategy, one after another, and shows them side by side on one time axis.</source>
        <translation>
            <numerusform>Runs the workload of the run panel (%Ln task) under each checked strategy, one after another, and shows them side by side on one time axis.</numerusform>
            <numerusform>Runs the workload of the run panel (%Ln tasks) under each checked strategy, one after another, and shows them side by side on one time axis.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s)</source>
        <translation>
            <numerusform>%Ln task</numerusform>
            <numerusform>%Ln tasks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Comparing with %1</source>
        <translation>
            <numerusform>Comparing with %1</numerusform>
            <numerusform>Comparing with %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Compared %n strategy(ies): %1 was fastest, in %2 (shown above the comparison)</source>
        <translation>
            <numerusform>Compared %n strategy: %1 was fastest, in %2 (shown above the comparison)</numerusform>
            <numerusform>Compared %n strategies: %1 was fastest, in %2 (shown above the comparison)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Timeline: %1, the fastest of %n compared</source>
        <translation>
            <numerusform>Timeline: %1, the fastest of %n compared</numerusform>
            <numerusform>Timeline: %1, the fastest of %n compared</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sweep stopped after %n run(s)</source>
        <translation>
            <numerusform>Sweep stopped after %n run</numerusform>
            <numerusform>Sweep stopped after %n runs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Swept %1 over %n run(s) in %2</source>
        <translation>
            <numerusform>Swept %1 over %n run in %2</numerusform>
            <numerusform>Swept %1 over %n runs in %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Coroscope::RunPanel</name>
    <message numerus="yes">
        <source>…and %n more bad line(s)</source>
        <translation>
            <numerusform>…and %n more bad line</numerusform>
            <numerusform>…and %n more bad lines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s) use the first %1 of %2 URLs.</source>
        <translation>
            <numerusform>%Ln task uses the first %1 of %2 URLs.</numerusform>
            <numerusform>%Ln tasks use the first %1 of %2 URLs.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Coroscope::SummaryStrip</name>
    <message numerus="yes">
        <source>%n URL(s) of this run could not be measured alone (time budget, a failed fetch, or past the first %1 URLs)</source>
        <translation>
            <numerusform>%n URL of this run could not be measured alone (time budget, a failed fetch, or past the first %1 URLs)</numerusform>
            <numerusform>%n URLs of this run could not be measured alone (time budget, a failed fetch, or past the first %1 URLs)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>One after another, measured against each URL fetched alone before the run (%n URL(s), one at a time, each on a new connection): each task that got a response costs its URL&apos;s lone fetch plus its own running, added up. The queueing this run created and a busy machine&apos;s late loop are not in it</source>
        <translation>
            <numerusform>One after another, measured against each URL fetched alone before the run (%n URL, one at a time, each on a new connection): each task that got a response costs its URL&apos;s lone fetch plus its own running, added up. The queueing this run created and a busy machine&apos;s late loop are not in it</numerusform>
            <numerusform>One after another, measured against each URL fetched alone before the run (%n URLs, one at a time, each on a new connection): each task that got a response costs its URL&apos;s lone fetch plus its own running, added up. The queueing this run created and a busy machine&apos;s late loop are not in it</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Coroscope::SweepDialog</name>
    <message numerus="yes">
        <source>%n run(s), about %1</source>
        <translation>
            <numerusform>%n run, about %1</numerusform>
            <numerusform>%n runs, about %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Coroscope::TimelineView</name>
    <message numerus="yes">
        <source>%n request(s) at once</source>
        <translation>
            <numerusform>%n request at once</numerusform>
            <numerusform>%n requests at once</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Coroscope::Vocabulary</name>
    <message numerus="yes">
        <source>%Ln task(s)</source>
        <translation>
            <numerusform>%Ln task</numerusform>
            <numerusform>%Ln tasks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Diagnostics</name>
    <message numerus="yes">
        <source>Tasks %1 and %n more</source>
        <translation>
            <numerusform>Tasks %1 and %n more</numerusform>
            <numerusform>Tasks %1 and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n worker thread(s) performed the blocking fetches; the event loop stayed free</source>
        <translation>
            <numerusform>%n worker thread performed the blocking fetches; the event loop stayed free</numerusform>
            <numerusform>%n worker threads performed the blocking fetches; the event loop stayed free</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; its capacity is %n request(s) at once</source>
        <translation>
            <numerusform>; its capacity is %n request at once</numerusform>
            <numerusform>; its capacity is %n requests at once</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n worker thread(s) performed the blocking fetches; no task ran on the event loop, whose lateness came from a lack of CPU</source>
        <translation>
            <numerusform>%n worker thread performed the blocking fetches; no task ran on the event loop, whose lateness came from a lack of CPU</numerusform>
            <numerusform>%n worker threads performed the blocking fetches; no task ran on the event loop, whose lateness came from a lack of CPU</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n worker thread(s) performed the blocking fetches; no task ran on the event loop, though it was late (see above)</source>
        <translation>
            <numerusform>%n worker thread performed the blocking fetches; no task ran on the event loop, though it was late (see above)</numerusform>
            <numerusform>%n worker threads performed the blocking fetches; no task ran on the event loop, though it was late (see above)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 held the loop for %2; %n task(s) were ready and waited</source>
        <translation>
            <numerusform>%1 held the loop for %2; %n task was ready and waited</numerusform>
            <numerusform>%1 held the loop for %2; %n tasks were ready and waited</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more blocking call(s) held the loop for 50 ms or more</source>
        <translation>
            <numerusform>%n more blocking call held the loop for 50 ms or more</numerusform>
            <numerusform>%n more blocking calls held the loop for 50 ms or more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more warning(s) of the same kind</source>
        <translation>
            <numerusform>%n more warning of the same kind</numerusform>
            <numerusform>%n more warnings of the same kind</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) ended with %1</source>
        <translation>
            <numerusform>%n task ended with %1</numerusform>
            <numerusform>%n tasks ended with %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) were cancelled</source>
        <translation>
            <numerusform>%n task was cancelled</numerusform>
            <numerusform>%n tasks were cancelled</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) had not finished when the recording ended</source>
        <translation>
            <numerusform>%n task had not finished when the recording ended</numerusform>
            <numerusform>%n tasks had not finished when the recording ended</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n damaged line(s) of the recording were skipped</source>
        <translation>
            <numerusform>%n damaged line of the recording was skipped</numerusform>
            <numerusform>%n damaged lines of the recording were skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) of a newer recorder were skipped</source>
        <translation>
            <numerusform>%n record of a newer recorder was skipped</numerusform>
            <numerusform>%n records of a newer recorder were skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 ran %2 after the await at %3 without giving the loop back; %n task(s) were ready and waited</source>
        <translation>
            <numerusform>%1 ran %2 after the await at %3 without giving the loop back; %n task was ready and waited</numerusform>
            <numerusform>%1 ran %2 after the await at %3 without giving the loop back; %n tasks were ready and waited</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Record</name>
    <message numerus="yes">
        <source>Another recorder connected (a child or forked process): %n other connection(s) ignored; the first one is shown.</source>
        <translation>
            <numerusform>Another recorder connected (a child or forked process): %n other connection ignored; the first one is shown.</numerusform>
            <numerusform>Another recorder connected (a child or forked process): %n other connections ignored; the first one is shown.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other recorder connection(s) (child or forked processes) were ignored: the first one is shown.</source>
        <translation>
            <numerusform>%n other recorder connection (a child or forked process) was ignored: the first one is shown.</numerusform>
            <numerusform>%n other recorder connections (child or forked processes) were ignored: the first one is shown.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n task</numerusform>
            <numerusform>%n tasks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message numerus="yes">
        <source>The tasks&apos; time by state, added up over %Ln task(s)</source>
        <translation>
            <numerusform>The tasks&apos; time by state, added up over %Ln task</numerusform>
            <numerusform>The tasks&apos; time by state, added up over %Ln tasks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Inside await reply, added up over %Ln request(s)</source>
        <translation>
            <numerusform>Inside await reply, added up over %Ln request</numerusform>
            <numerusform>Inside await reply, added up over %Ln requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Latency of the %Ln finished task(s)</source>
        <translation>
            <numerusform>Latency of the %Ln finished task</numerusform>
            <numerusform>Latency of the %Ln finished tasks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s), up to %1 per pixel row: a pixel&apos;s colour is the states its tasks were in, its strength how many existed; the strip on the left is each row&apos;s worst outcome</source>
        <translation>
            <numerusform>%Ln task, up to %1 per pixel row: a pixel&apos;s colour is the states its tasks were in, its strength how many existed; the strip on the left is each row&apos;s worst outcome</numerusform>
            <numerusform>%Ln tasks, up to %1 per pixel row: a pixel&apos;s colour is the states its tasks were in, its strength how many existed; the strip on the left is each row&apos;s worst outcome</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln core(s), %1</source>
        <translation>
            <numerusform>%Ln core, %1</numerusform>
            <numerusform>%Ln cores, %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln run(s) compared: %1</source>
        <translation>
            <numerusform>%Ln run compared: %1</numerusform>
            <numerusform>%Ln runs compared: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %2; %3; %n repeat(s) of each; %4 of %5 runs done</source>
        <translation>
            <numerusform>%1: %2; %3; %n repeat of each; %4 of %5 runs done</numerusform>
            <numerusform>%1: %2; %3; %n repeats of each; %4 of %5 runs done</numerusform>
        </translation>
    </message>
</context>
</TS>
