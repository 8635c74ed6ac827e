using StreamJobs.Mql.Ast;

namespace StreamJobs.Mql.Evaluation;

/// <summary>
/// <c>left op right</c>. When a side goes through <c>[*]</c> the comparison holds if it holds for any
/// element (Mantis semantics); the other side is then evaluated once per record.
/// </summary>
internal sealed class ComparisonNode<T> : BoolNode<T>
{
    private readonly ValueNode<T> _left;
    private readonly ValueNode<T> _right;
    private readonly ComparisonOperator _op;
    private readonly ValueTest _test;
    private readonly ValueTest _reversedTest;
    private readonly bool _rightIsConstant;
    private readonly MqlValue _constant;

    public ComparisonNode(ValueNode<T> left, ComparisonOperator op, ValueNode<T> right)
    {
        _left = left;
        _right = right;
        _op = op;
        _test = new OperatorTest(op, reversed: false);
        _reversedTest = new OperatorTest(op, reversed: true);

        // Property-versus-literal is the common case; skip a virtual call per record for the literal.
        if (right is ConstantNode<T> constant)
        {
            _rightIsConstant = true;
            _constant = constant.Value;
        }
    }

    public override bool Evaluate(in T record)
    {
        if (_rightIsConstant)
        {
            return _left.IsMulti ? _left.Any(record, _test, _constant) : ValueComparer.Compare(_left.Evaluate(record), _op, _constant);
        }

        if (_left.IsMulti)
        {
            var right = _right.Evaluate(record);
            return _left.Any(record, _test, right);
        }

        var left = _left.Evaluate(record);
        return _right.IsMulti
            ? _right.Any(record, _reversedTest, left)
            : ValueComparer.Compare(left, _op, _right.Evaluate(record));
    }

    private sealed class OperatorTest(ComparisonOperator op, bool reversed) : ValueTest
    {
        public override bool Test(in MqlValue value, in MqlValue argument) =>
            reversed ? ValueComparer.Compare(argument, op, value) : ValueComparer.Compare(value, op, argument);
    }
}
