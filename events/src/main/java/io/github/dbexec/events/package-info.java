/**
 * dbexec's events: what the executor did, as typed values and as records compatible with StreamSets Data
 * Collector's Databricks executor, and the sinks that receive them.
 *
 * <ul>
 *   <li>Events: {@link io.github.dbexec.events.ExecutorEvent} and its seven types,
 *       {@link io.github.dbexec.events.AppSubmittedEvent} (the Data Collector's record, richer),
 *       {@link io.github.dbexec.events.QueueReportedEvent},
 *       {@link io.github.dbexec.events.RunQueuedEvent}, {@link io.github.dbexec.events.RunSkippedEvent},
 *       {@link io.github.dbexec.events.RunStateChangedEvent}, {@link io.github.dbexec.events.RunTerminatedEvent}
 *       and {@link io.github.dbexec.events.SubmissionFailedEvent}; all are records with builders.
 *   <li>Records and JSON: {@link io.github.dbexec.events.EventRecord} (header attributes
 *       {@code sdc.event.type}, {@code sdc.event.version}, {@code sdc.event.creation_timestamp} plus fields,
 *       whatever the type) and {@link io.github.dbexec.events.EventCodec}, which converts typed events to
 *       records and JSON and back.
 *   <li>Sinks: {@link io.github.dbexec.events.EventSink}, {@link io.github.dbexec.events.EventListener},
 *       {@link io.github.dbexec.events.InMemoryEventSink}, {@link io.github.dbexec.events.Slf4jEventSink},
 *       {@link io.github.dbexec.events.JsonLinesFileSink}, {@link io.github.dbexec.events.EventSinks} and
 *       {@link io.github.dbexec.events.AsyncEventDispatcher}.
 * </ul>
 */
@NullMarked
package io.github.dbexec.events;

import org.jspecify.annotations.NullMarked;
