using System.Text;
using StreamJobs.Telemetry.Flows;
using Xunit;

namespace StreamJobs.Telemetry.Tests.Flows;

public sealed class FlowJsonBatchCodecTests
{
    private static (List<FlowRecord> Flows, List<FlowJsonError> Errors) Decode(string json)
    {
        var flows = new List<FlowRecord>();
        var errors = new List<FlowJsonError>();
        new FlowJsonBatchDecoder().Decode(Encoding.UTF8.GetBytes(json), flows, errors);
        return (flows, errors);
    }

    private const string Good = """{"localIp":"10.0.0.1","localPort":5,"remoteIp":"::1","remotePort":443,"startMs":1000,"endMs":2000}""";

    [Fact]
    public void Round_trips_all_fields()
    {
        var records = SampleFlows.Create(50);
        var flows = new List<FlowRecord>();
        var errors = new List<FlowJsonError>();

        int added = new FlowJsonBatchDecoder().Decode(FlowJsonBatchEncoder.ToUtf8(records), flows, errors);

        Assert.Empty(errors);
        Assert.Equal(50, added);
        Assert.Equal(records, flows);
    }

    [Fact]
    public void Defaults_apply_to_optional_fields()
    {
        var flow = Assert.Single(Decode($"[{Good}]").Flows);
        Assert.Equal((FlowProtocol.Tcp, FlowDirection.Unknown, 0UL, (string?)null), (flow.Protocol, flow.Direction, flow.BytesSent, flow.LocalWorkload));
    }

    [Theory]
    [InlineData("\"localIp\":\"10.0.0.300\"", "localIp", "not an IPv4 or IPv6 address")]
    [InlineData("\"localPort\":70000", "localPort", "expected a whole number from 0 to 65535")]
    [InlineData("\"bytesSent\":\"12\"", "bytesSent", "expected a number, found String")]
    [InlineData("\"direction\":\"sideways\"", "direction", "expected \"client\", \"server\" or \"unknown\"")]
    [InlineData("\"protocol\":\"sctp\"", "protocol", "expected \"tcp\", \"udp\" or a protocol number")]
    [InlineData("\"endMs\":10", "endMs", "end is before start")]
    [InlineData("\"localWorkload\":\"\"", "localWorkload", "must not be empty")]
    public void Bad_field_names_index_and_field_while_good_flows_survive(string badField, string field, string message)
    {
        string bad = Good.Replace("}", "," + badField + "}");
        var (flows, errors) = Decode($"[{Good},{bad},{Good}]");

        Assert.Equal(2, flows.Count);
        Assert.Equal(new FlowJsonError(1, field, message), Assert.Single(errors));
    }

    [Fact]
    public void Missing_required_fields_are_all_named_in_the_one_error_of_their_flow()
    {
        var (flows, errors) = Decode("""[{"localIp":"10.0.0.1","startMs":1,"endMs":2}]""");

        Assert.Empty(flows);
        var error = Assert.Single(errors);
        Assert.Equal(new FlowJsonError(0, "localPort", "required fields are missing: localPort, remoteIp, remotePort"), error);
    }

    [Fact]
    public void A_flow_with_several_bad_fields_is_one_rejected_record_with_one_error()
    {
        var report = new StreamJobs.Telemetry.Ingest.ParseReport<FlowJsonError>();
        var flows = new List<FlowRecord>();
        const string bad = """{"localIp":1,"localPort":"x","remoteIp":2,"remotePort":-1,"startMs":"a","endMs":"b","direction":9}""";

        new FlowJsonBatchDecoder().Decode(Encoding.UTF8.GetBytes($"[{bad},{Good},{bad}]"), flows, report);

        Assert.Single(flows);
        Assert.Equal((3, 2, 2), (report.Records, report.Rejected, report.Errors.Count));
        Assert.Equal(new FlowJsonError(0, "localIp", "expected an IP address string"), report.Errors[0]);
    }

    [Fact]
    public void Broken_syntax_keeps_flows_before_it()
    {
        var (flows, errors) = Decode($"[{Good},{Good},{{\"localIp\": ]");

        Assert.Equal(2, flows.Count);
        var error = Assert.Single(errors);
        Assert.Equal(2, error.Index);
        Assert.Contains("invalid JSON at line 1", error.Message);
    }

    [Fact]
    public void Non_array_batch_and_non_object_elements_are_reported()
    {
        Assert.Equal(-1, Assert.Single(Decode("{}").Errors).Index);
        var (flows, errors) = Decode($"[1,{Good}]");
        Assert.Single(flows);
        Assert.Equal(new FlowJsonError(0, null, "expected a flow object, found Number"), Assert.Single(errors));
    }
}
