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
</context>
</TS>
