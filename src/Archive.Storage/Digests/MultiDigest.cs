using System.Security.Cryptography;
using System.Threading.Channels;
using Org.BouncyCastle.Crypto.Digests;

namespace Archive.Storage.Digests;

/// <summary>
/// Computes SHA-256 and SM3 (GB/T 32905-2016) of one byte sequence in a single pass.
/// </summary>
/// <remarks>
/// SM3 in managed code (~170 MB/s) is several times slower than SHA-256, so once more than one block
/// of input has arrived SM3 moves to a worker task on another core: input is copied into a small,
/// fixed set of blocks (<see cref="BlockSize"/> × <see cref="BlocksInFlight"/>) that are handed to the
/// worker; when all blocks are in flight, <see cref="Append"/> waits for one to come back, so memory
/// stays bounded whatever the input size. Small inputs are hashed inline and start no task.
/// Instances are not thread-safe: one producer appends, then completes.
/// </remarks>
public sealed class MultiDigest : IDisposable
{
    /// <summary>Bytes per block handed to the SM3 worker.</summary>
    public const int BlockSize = 256 * 1024;

    /// <summary>Blocks that may be in flight at once; the bound on extra memory is their product.</summary>
    public const int BlocksInFlight = 8;

    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly SM3Digest _sm3 = new();
    private readonly bool _parallel;
    private readonly SemaphoreSlim _freeBlocks = new(BlocksInFlight, BlocksInFlight);
    private readonly Stack<byte[]> _pool = new();
    private readonly object _poolLock = new();
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

    /// <summary>Adds bytes to both digests; may wait while the SM3 worker catches up.</summary>
    /// <param name="data">The next bytes of the content.</param>
    /// <exception cref="InvalidOperationException">The digest was already completed.</exception>
    /// <exception cref="ObjectDisposedException">The digest was disposed.</exception>
    public void Append(ReadOnlySpan<byte> data)
    {
        EnsureOpen();
        _sha256.AppendData(data);
        _size = checked(_size + data.Length);
        if (!_parallel)
        {
            _sm3.BlockUpdate(data);
            return;
        }
        while (!data.IsEmpty)
        {
            if (_current is null)
            {
                _freeBlocks.Wait();
                _current = RentBlock();
            }
            data = FillCurrent(data);
            if (_currentCount == BlockSize)
            {
                HandOffCurrent();
            }
        }
    }

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
            _sm3.BlockUpdate(data.Span);
            return;
        }
        while (!data.IsEmpty)
        {
            if (_current is null)
            {
                await _freeBlocks.WaitAsync(cancellationToken).ConfigureAwait(false);
                _current = RentBlock();
            }
            var taken = data.Length - FillCurrent(data.Span).Length;
            data = data[taken..];
            if (_currentCount == BlockSize)
            {
                HandOffCurrent();
            }
        }
    }

    /// <summary>Finishes both digests, blocking until the SM3 worker (if any) has drained.</summary>
    /// <returns>The size and both digests.</returns>
    /// <exception cref="InvalidOperationException">The digest was already completed.</exception>
    public ContentDigests Complete()
    {
        var worker = FinishInput();
        worker?.GetAwaiter().GetResult();
        return Finish();
    }

    /// <summary>Finishes both digests, awaiting the SM3 worker (if any).</summary>
    /// <param name="cancellationToken">Cancels the wait for the worker.</param>
    /// <returns>The size and both digests.</returns>
    /// <exception cref="InvalidOperationException">The digest was already completed.</exception>
    public async Task<ContentDigests> CompleteAsync(CancellationToken cancellationToken)
    {
        var worker = FinishInput();
        if (worker is not null)
        {
            await worker.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
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
        var buffer = new byte[128 * 1024];
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await digest.AppendAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
        return await digest.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Computes the digests of bytes already in memory.</summary>
    /// <param name="content">The bytes.</param>
    /// <returns>The size and both digests.</returns>
    public static ContentDigests Compute(ReadOnlySpan<byte> content)
    {
        using var digest = new MultiDigest(parallel: false);
        digest.Append(content);
        return digest.Complete();
    }

    /// <summary>Stops the SM3 worker, if any, and releases the hash state.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _toWorker?.Writer.TryComplete();
        _sha256.Dispose();
        // The worker may still hold a block; it checks _disposed and exits without touching the hash.
    }

    private ReadOnlySpan<byte> FillCurrent(ReadOnlySpan<byte> data)
    {
        var count = Math.Min(BlockSize - _currentCount, data.Length);
        data[..count].CopyTo(_current.AsSpan(_currentCount));
        _currentCount += count;
        return data[count..];
    }

    private void HandOffCurrent()
    {
        if (_toWorker is null)
        {
            _toWorker = Channel.CreateUnbounded<(byte[], int)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            _worker = Task.Run(RunWorkerAsync);
        }
        // Unbounded in type only: the semaphore caps blocks in flight at BlocksInFlight.
        _toWorker.Writer.TryWrite((_current!, _currentCount));
        _current = null;
        _currentCount = 0;
    }

    private async Task RunWorkerAsync()
    {
        await foreach (var (block, count) in _toWorker!.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (_disposed)
            {
                return;
            }
            _sm3.BlockUpdate(block, 0, count);
            ReturnBlock(block);
            _freeBlocks.Release();
        }
    }

    private Task? FinishInput()
    {
        EnsureOpen();
        _completed = true;
        if (_worker is null)
        {
            // Never handed off: the tail (if any) is hashed inline.
            if (_current is not null)
            {
                _sm3.BlockUpdate(_current, 0, _currentCount);
                _current = null;
            }
            return null;
        }
        if (_current is not null)
        {
            _toWorker!.Writer.TryWrite((_current, _currentCount));
            _current = null;
        }
        _toWorker!.Writer.TryComplete();
        return _worker;
    }

    private ContentDigests Finish()
    {
        var sm3 = new byte[_sm3.GetDigestSize()];
        _sm3.DoFinal(sm3, 0);
        return new ContentDigests(_size, _sha256.GetHashAndReset(), sm3);
    }

    private byte[] RentBlock()
    {
        lock (_poolLock)
        {
            return _pool.Count > 0 ? _pool.Pop() : new byte[BlockSize];
        }
    }

    private void ReturnBlock(byte[] block)
    {
        lock (_poolLock)
        {
            _pool.Push(block);
        }
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
