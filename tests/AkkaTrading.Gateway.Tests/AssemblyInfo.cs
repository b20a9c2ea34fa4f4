// Each test class starts a real server with its own actor system and Kestrel; on a small machine several at once starve
// each other's timers and sockets, which the back-pressure tests would read as slow clients. One at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
