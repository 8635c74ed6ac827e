using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace StreamJobs.FlowEnricher;

/// <summary>Software prefetch: start loading an item into the cache without waiting for it.</summary>
internal static class CacheLines
{
    private const int LineBytes = 64;

    /// <summary>
    /// Starts loading every cache line <paramref name="item"/> touches. The address is not pinned: if the GC moves the
    /// array meanwhile, a prefetch of the stale address is harmless (it never faults and changes nothing).
    /// </summary>
    public static unsafe void Prefetch<T>(ref T item)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        nuint start = (nuint)Unsafe.AsPointer(ref item);
        nuint last = start + (nuint)Unsafe.SizeOf<T>() - 1;
        for (nuint line = start & ~(nuint)(LineBytes - 1); line <= last; line += LineBytes)
        {
            Sse.Prefetch0((void*)line);
        }
    }
}
