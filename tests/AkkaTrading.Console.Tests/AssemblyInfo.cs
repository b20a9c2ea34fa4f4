// The app configures Serilog's static logger per run: run the end-to-end tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
