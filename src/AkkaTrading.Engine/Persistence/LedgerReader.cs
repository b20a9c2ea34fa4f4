using Akka.Actor;
using Akka.Configuration;
using AkkaTrading.Domain.Ledger;
using AkkaTrading.Engine.Settings;

namespace AkkaTrading.Engine.Persistence;

/// <summary>Reads a stopped server's ledger, every event from the first in order (<c>ledger export</c> and <c>ledger verify</c>).</summary>
public static class LedgerReader
{
    /// <param name="onEvent">told of each event; an exception it throws ends the reading with it</param>
    /// <exception cref="LedgerStoreException">the store cannot be opened (a server runs on it, it is damaged) or read</exception>
    public static async Task ReadAsync(PersistenceSettings settings, Action<LedgerEvent> onEvent, CancellationToken cancel = default)
    {
        using var store = LedgerStore.Open(settings, forWriting: false);
        // the reader prints nothing of its own: its output may be the export on stdout
        var config = ConfigurationFactory.ParseString("akka { loglevel = OFF, stdout-loglevel = OFF }").WithFallback(store.Hocon());
        var system = ActorSystem.Create("ledger-reader", config);
        try
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            system.ActorOf(Props.Create(() => new Reader(onEvent, done)), "reader");
            await done.Task.WaitAsync(cancel);
        }
        finally
        {
            await system.Terminate();
        }
    }

    private sealed class Reader : ReceiveActor
    {
        public Reader(Action<LedgerEvent> onEvent, TaskCompletionSource done)
        {
            Context.ActorOf(LedgerJournalActor.Props(Self, fromStart: true), "journal");
            Receive<LedgerJournal.EventsRecovered>(batch =>
            {
                try
                {
                    foreach (var e in batch.Events) onEvent(e);
                }
                catch (Exception e)
                {
                    done.TrySetException(e);
                    Become(() => ReceiveAny(_ => { }));
                }
            });
            Receive<LedgerJournal.Recovered>(_ => done.TrySetResult());
            Receive<LedgerJournal.Failed>(failed => done.TrySetException(new LedgerStoreException(failed.Reason, failed.Cause)));
            ReceiveAny(_ => { });
        }
    }
}
