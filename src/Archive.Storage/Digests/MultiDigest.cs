using System.Buffers;
using System.Security.Cryptography;
using System.Threading.Channels;

namespace Archive.Storage.Digests;

/// <summary>
/// Computes SHA-256 and SM3 (GB/T 32905-2016) of one byte sequence in a single pass.
/// </summary>
/// <remarks>
/// SM3 (<see cref="Sm3"/>: libcrypto's C code where available, about 350 MiB/s on the reference machine, else managed
/// code at about 220 MiB/s) is several times slower than SHA-256, so once more than one block
/// of input has arrived SM3 moves to a worker task on another core: input is copied into pooled blocks of
/// <see cref="BlockSize"/> bytes that travel to the worker through a bounded channel of <see cref="BlocksInFlight"/>
/// slots; when it is full, <see cref="AppendAsync"/> awaits a free slot, so memory stays bounded whatever the input
/// size, and nothing ever blocks a thread. Small inputs are hashed inline and start no task.
/// Instances are not thread-safe: one producer appends, then completes.
/// </remarks>
public sealed class MultiDigest : IDisposable
{
    /// <summary>Bytes per block handed to the SM3 worker.</summary>
    public const int BlockSize = 256 * 1024;

    /// <summary>Blocks that may wait for the worker at once; the bound on extra memory is about their product.</summary>
    public const int BlocksInFlight = 8;

    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Sm3 _sm3 = new();
    private readonly bool _parallel;
    private Channel<(byte[] Block, int Count)>? _toWorker;
    private Task? _worker;
    private byte[]? _current;
    private int _currentCount;
    private long _size;
    private bool _completed;
    private volatile bool _disposed;

    /// <summary>Creates a digest that offloads SM3 to another core when the machine has more than one.</summary>
    public MultiDigest()
        : this(Environment.ProcessorCount > 1)
    {
    }

    /// <summary>Creates a digest, choosing explicitly whether SM3 may run on a worker task.</summary>
    /// <param name="parallel"><see langword="true"/> to compute SM3 on a worker task for inputs past one block.</param>
    public MultiDigest(bool parallel) => _parallel = parallel;

    /// <summary>The number of bytes appended so far.</summary>
    public long Size => _size;

    /// <summary>Adds bytes to both digests, waiting asynchronously while the SM3 worker catches up.</summary>
    /// <param name="data">The next bytes of the content.</param>
    /// <param name="cancellationToken">Cancels a wait for the worker.</param>
    /// <returns>A task that completes when the bytes have been taken.</returns>
    /// <exception cref="InvalidOperationException">The digest was already completed.</exception>
    /// <exception cref="ObjectDisposedException">The digest was disposed.</exception>
    public async ValueTask AppendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        EnsureOpen();
        _sha256.AppendData(data.Span);
        _size = checked(_size + data.Length);
        if (!_parallel)
        {
            _sm3.Append(data.Span);
            return;
        }
        while (!data.IsEmpty)
        {
            _current ??= ArrayPool<byte>.Shared.Rent(BlockSize);
            var count = Math.Min(BlockSize - _currentCount, data.Length);
            data.Span[..count].CopyTo(_current.AsSpan(_currentCount));
            _currentCount += count;
            data = data[count..];
            if (_currentCount == BlockSize)
            {
                await HandOffCurrentAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Finishes both digests, awaiting the SM3 worker (if any).</summary>
    /// <param name="cancellationToken">Cancels the wait for the worker.</param>
    /// <returns>The size and both digests.</returns>
    /// <exception cref="InvalidOperationException">The digest was already completed.</exception>
    /// <exception cref="ObjectDisposedException">The digest was disposed.</exception>
    public async Task<ContentDigests> CompleteAsync(CancellationToken cancellationToken)
    {
        EnsureOpen();
        _completed = true;
        if (_worker is null)
        {
            // Never handed off: the tail (if any) is hashed inline.
            HashCurrentInline();
            return Finish();
        }
        if (_current is not null)
        {
            await HandOffCurrentAsync(cancellationToken).ConfigureAwait(false);
        }
        _toWorker!.Writer.TryComplete();
        await _worker.WaitAsync(cancellationToken).ConfigureAwait(false);
        return Finish();
    }

    /// <summary>Reads a stream to its end and returns its digests.</summary>
    /// <param name="content">The stream to read from its current position.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The size and both digests of the bytes read.</returns>
    public static async Task<ContentDigests> ComputeAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var digest = new MultiDigest();
        var buffer = ArrayPool<byte>.Shared.Rent(128 * 1024);
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await digest.AppendAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
            return await digest.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Computes the digests of bytes already in memory, inline on the calling thread.</summary>
    /// <param name="content">The bytes.</param>
    /// <returns>The size and both digests.</returns>
    public static ContentDigests Compute(ReadOnlySpan<byte> content)
    {
        using var digest = new MultiDigest(parallel: false);
        digest._sha256.AppendData(content);
        digest._sm3.Append(content);
        digest._size = content.Length;
        digest._completed = true;
        return digest.Finish();
    }

    /// <summary>Stops the SM3 worker, if any, and releases the hash state; blocks still queued go back to the pool.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _toWorker?.Writer.TryComplete();
        if (_current is not null)
        {
            ArrayPool<byte>.Shared.Return(_current);
            _current = null;
        }
        _sha256.Dispose();
        // The worker may still hold a block; it checks _disposed, skips the hash and returns its blocks to the pool.
        // SM3's native context is freed only once the worker is done with it.
        if (_worker is null || _worker.IsCompleted)
        {
            _sm3.Dispose();
        }
        else
        {
            _ = _worker.ContinueWith(_ => _sm3.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async ValueTask HandOffCurrentAsync(CancellationToken cancellationToken)
    {
        if (_toWorker is null)
        {
            _toWorker = Channel.CreateBounded<(byte[], int)>(new BoundedChannelOptions(BlocksInFlight)
            {
                SingleReader = true,
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
            _worker = Task.Run(RunWorkerAsync, CancellationToken.None);
        }
        await _toWorker.Writer.WriteAsync((_current!, _currentCount), cancellationToken).ConfigureAwait(false);
        _current = null;
        _currentCount = 0;
    }

    private async Task RunWorkerAsync()
    {
        await foreach (var (block, count) in _toWorker!.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (!_disposed)
            {
                _sm3.Append(block.AsSpan(0, count));
            }
            ArrayPool<byte>.Shared.Return(block);
        }
    }

    private void HashCurrentInline()
    {
        if (_current is not null)
        {
            _sm3.Append(_current.AsSpan(0, _currentCount));
            ArrayPool<byte>.Shared.Return(_current);
            _current = null;
            _currentCount = 0;
        }
    }

    private ContentDigests Finish()
    {
        return new ContentDigests(_size, _sha256.GetHashAndReset(), _sm3.GetHashAndReset());
    }

    private void EnsureOpen()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException("The digest is already complete.");
        }
    }
}
