using System.Buffers;

namespace StreamJobs.Host.Ingest;

/// <summary>
/// The pool ingest bodies (HTTP and gRPC) are read into. Bodies are megabytes, so their arrays live on the large object
/// heap. <see cref="ArrayPool{T}.Shared"/> keeps such arrays per thread and per core until a memory-pressure trim: on a
/// 128 MiB heap it held about 24 MiB of idle bodies while requests ran out of memory (2-4 per burst, some inside
/// Kestrel, which resets the connection). This pool keeps a few arrays of each size, two per core (about as many as are
/// decoded at once); past that an array is left to the GC.
/// </summary>
internal static class IngestBufferPool
{
    public static ArrayPool<byte> Instance { get; } =
        ArrayPool<byte>.Create(maxArrayLength: 1024 * 1024 * 1024, maxArraysPerBucket: Math.Clamp(Environment.ProcessorCount * 2, 4, 64));
}
