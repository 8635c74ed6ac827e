using StreamJobs.Mql.Evaluation;

namespace StreamJobs.Mql.Aggregation;

/// <summary>Reads one column of a result row, for HAVING and ORDER BY.</summary>
internal sealed class RowColumnNode(int index) : ValueNode<MqlValue[]>
{
    public override MqlValue Evaluate(in MqlValue[] record) => record[index];
}
