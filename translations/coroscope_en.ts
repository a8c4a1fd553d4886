<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Coroscope::MainWindow</name>
    <message numerus="yes">
        <source>Running %n task(s) with the %1 strategy…</source>
        <translation>
            <numerusform>Running %n task with the %1 strategy…</numerusform>
            <numerusform>Running %n tasks with the %1 strategy…</numerusform>
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
    <name>Coroscope::RunPanel</name>
    <message numerus="yes">
        <source>…and %n more bad line(s)</source>
        <translation>
            <numerusform>…and %n more bad line</numerusform>
            <numerusform>…and %n more bad lines</numerusform>
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
</context>
</TS>
