using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.FlowEnricher.Synthetic;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher.Benchmarks;

/// <summary>One arrival step: ownership events, then one encoded datagram, at a processing time.</summary>
internal sealed record Step(long ArrivalUnixMs, OwnershipEvent[] Events, byte[] Datagram, int Records);

/// <summary>Pre-encodes a synthetic scenario into datagrams so the timed loops only decode and process.</summary>
internal static class Workload
{
    public static List<Step> Build(SyntheticFlowOptions options)
    {
        var generator = new SyntheticFlowGenerator(options);
        var encoder = new FlowDatagramEncoder();
        var steps = new List<Step>();
        var events = new List<OwnershipEvent>();
        var flows = new List<FlowRecord>();
        var buffer = new byte[FlowBinaryFormat.DefaultMaxDatagramSize];
        uint sequence = 0;
        long arrival = options.StartUnixMs;
        long batchStart = arrival;
        void Flush()
        {
            var span = flows.ToArray().AsSpan();
            while (!span.IsEmpty || events.Count > 0)
            {
                int length = encoder.Encode(span, buffer, sequence++, out int written);
                steps.Add(new Step(arrival, [.. events], buffer[..length], written));
                events.Clear();
                span = span[written..];
            }

            flows.Clear();
        }

        foreach (var item in generator.Generate())
        {
            // Like a receiver batching what arrived within 100 ms; the batch is stamped with its last arrival.
            if (item.ArrivalUnixMs - batchStart >= 100 && (flows.Count > 0 || events.Count > 0))
            {
                Flush();
            }

            if (flows.Count == 0 && events.Count == 0)
            {
                batchStart = item.ArrivalUnixMs;
            }

            arrival = item.ArrivalUnixMs;
            if (item.IsFlow)
            {
                flows.Add(item.Flow);
                if (flows.Count == 16)
                {
                    Flush();
                }
            }
            else
            {
                events.Add(item.Event);
            }
        }

        Flush();
        return steps;
    }
}
