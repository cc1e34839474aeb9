using System.Text.Json.Nodes;
using System.Threading.Channels;
using Archive.Integrity.Ledger.Internal;
using Archive.Integrity.Ledger.Witness;
using Archive.Integrity.Notes;
using Microsoft.Extensions.Logging;
using NodaTime;
using Npgsql;

namespace Archive.Integrity.Ledger;

/// <summary>
/// The PostgreSQL-backed <see cref="ILedger"/> (schema <c>ledger</c>, see <see cref="LedgerSchema"/>). Register one
/// instance per process (singleton) and expose it also as <see cref="ILedger"/>; run <see cref="RunCheckpointLoopAsync"/>
/// in at least one process (the host runs it as a hosted service). Appends of this process are queued and
/// committed by one writer loop in batches of up to <see cref="LedgerOptions.MaxBatchSize"/>.
/// </summary>
public sealed partial class PostgresLedger : ILedger, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly IClock _clock;
    private readonly NoteSigner _signer;
    private readonly Sm2NoteSigner? _cosigner;
    private readonly LedgerOptions _options;
    private readonly ILogger<PostgresLedger> _logger;
    private readonly Channel<PendingAppend> _queue;
    private readonly Task _writer;
    private readonly ICheckpointWitness? _witness;
    private readonly CommittedHashCache? _hashes;
    private int _disposed;

    /// <summary>Creates the ledger and starts its writer loop. No I/O happens until the first call.</summary>
    /// <param name="dataSource">The host's data source, built with <c>UseNodaTime()</c>.</param>
    /// <param name="clock">The source of the entries' <c>at</c> instants.</param>
    /// <param name="signer">The Ed25519 note key; its name must be <see cref="LedgerOptions.Origin"/> (see <see cref="LedgerSigningKey"/>).</param>
    /// <param name="options">The ledger's settings; validated here.</param>
    /// <param name="logger">Where the ledger logs.</param>
    /// <param name="witness">Where signed checkpoints are also kept, outside the database (both object stores), if anywhere.</param>
    /// <param name="cosigner">The SM2 (国密) key that co-signs every checkpoint beside the Ed25519 key, if any; named like it.</param>
    /// <exception cref="ArgumentException">The options are invalid or a key's name is not the origin.</exception>
    public PostgresLedger(
        NpgsqlDataSource dataSource, IClock clock, NoteSigner signer, LedgerOptions options, ILogger<PostgresLedger> logger,
        ICheckpointWitness? witness = null, Sm2NoteSigner? cosigner = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        if (!string.Equals(signer.Name, options.Origin, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The signing key is named '{signer.Name}' but the ledger's origin is '{options.Origin}'; they must be equal.", nameof(signer));
        }

        if (cosigner is not null && !string.Equals(cosigner.Name, options.Origin, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The SM2 signing key is named '{cosigner.Name}' but the ledger's origin is '{options.Origin}'; they must be equal.", nameof(cosigner));
        }

        _dataSource = dataSource;
        _clock = clock;
        _signer = signer;
        _cosigner = cosigner;
        _options = options;
        _logger = logger;
        _witness = witness;
        _hashes = options.HashCacheSize > 0 ? new CommittedHashCache(options.HashCacheSize) : null;
        _queue = Channel.CreateBounded<PendingAppend>(new BoundedChannelOptions(checked(options.MaxBatchSize * 10))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _writer = Task.Run(RunWriterAsync);
    }

    /// <inheritdoc />
    public string VerifierKey => _signer.Verifier.ToVerifierKey();

    /// <inheritdoc />
    public string? CosignerKey => _cosigner?.Verifier.ToVerifierKey();

    /// <summary>The settings this ledger runs with.</summary>
    public LedgerOptions Options => _options;

    /// <inheritdoc />
    public async Task<LedgerAppendResult> AppendAsync(
        string type, JsonObject fields, string? idempotencyKey = null, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var pending = new PendingAppend(EntryBuilder.Prepare(type, fields, idempotencyKey, _clock.GetCurrentInstant()));
        try
        {
            await _queue.Writer.WriteAsync(pending, ct);
        }
        catch (ChannelClosedException e)
        {
            throw new ObjectDisposedException(nameof(PostgresLedger), e);
        }
        return await pending.Completion.Task.WaitAsync(ct);
    }

    /// <inheritdoc />
    public async Task<LedgerAppendResult> AppendInTransactionAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string type, JsonObject fields, string? idempotencyKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        if (!ReferenceEquals(transaction.Connection, connection))
        {
            throw new ArgumentException("The transaction does not belong to the connection.", nameof(transaction));
        }
        var entry = EntryBuilder.Prepare(type, fields, idempotencyKey, _clock.GetCurrentInstant());
        // The cache is only looked in: this transaction is the caller's to commit or roll back, so nothing it read or
        // computed is known committed here (it may even hold the caller's earlier, uncommitted appends).
        var results = await LedgerSequencer.AppendAsync(connection, transaction, [entry], new StoredHashReader(connection, transaction, _hashes), ct);
        return results[0];
    }

    /// <summary>Stops accepting appends, lets the writer commit what is queued, and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task RunWriterAsync()
    {
        var batch = new List<PendingAppend>(_options.MaxBatchSize);
        // While batches follow each other, one connection serves them all; it goes back to the pool when the queue is
        // empty, and after any failure it is dropped (it may be broken, e.g. by a database restart).
        NpgsqlConnection? connection = null;
        try
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                batch.Clear();
                while (batch.Count < _options.MaxBatchSize && _queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }
                try
                {
                    connection ??= await _dataSource.OpenConnectionAsync(CancellationToken.None);
                    var results = await CommitBatchAsync(connection, batch);
                    for (var i = 0; i < batch.Count; i++)
                    {
                        batch[i].Completion.TrySetResult(results[i]);
                    }
                    LedgerLog.BatchCommitted(_logger, batch.Count, results[^1].Index);
                    if (_queue.Reader.Count == 0)
                    {
                        await DropAsync(connection);
                        connection = null;
                    }
                }
                catch (Exception e)
                {
                    // The callers get the failure; the loop serves the next batch on a fresh connection and transaction.
                    LedgerLog.BatchFailed(_logger, batch.Count, e);
                    foreach (var pending in batch)
                    {
                        pending.Completion.TrySetException(e);
                    }
                    await DropAsync(connection);
                    connection = null;
                }
            }
        }
        finally
        {
            await DropAsync(connection);
        }
    }

    private static async Task DropAsync(NpgsqlConnection? connection)
    {
        if (connection is null)
        {
            return;
        }
        try
        {
            await connection.DisposeAsync();
        }
        catch (Exception e) when (e is NpgsqlException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // A broken connection may fail to close cleanly; it is gone either way.
        }
    }

    private async Task<LedgerAppendResult[]> CommitBatchAsync(NpgsqlConnection connection, List<PendingAppend> batch)
    {
        // Once dequeued, a batch is committed or failed as a whole; caller cancellation only stops their waiting.
        var ct = CancellationToken.None;
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var reader = new StoredHashReader(connection, transaction, _hashes);
        var results = await LedgerSequencer.AppendAsync(connection, transaction, batch.ConvertAll(p => p.Entry), reader, ct);
        await transaction.CommitAsync(ct);
        // Committed: the batch's hashes (and the older ones it read) are final. A failed or in-doubt commit threw above,
        // so nothing of it is cached.
        reader.PublishCommitted();
        _hashes?.ObserveCommittedSize(results.Max(r => r.Index) + 1);
        return results;
    }

    private sealed class PendingAppend(PreparedEntry entry)
    {
        public PreparedEntry Entry { get; } = entry;

        public TaskCompletionSource<LedgerAppendResult> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
