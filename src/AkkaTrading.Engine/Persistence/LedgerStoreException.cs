namespace AkkaTrading.Engine.Persistence;

/// <summary>The ledger's store cannot be used as it is (not writable, in use by another server, damaged, of another version):
/// a user's matter, told in one line, with nothing in it changed.</summary>
public sealed class LedgerStoreException(string message, Exception? inner = null) : Exception(message, inner);
