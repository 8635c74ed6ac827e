using System.Reflection;
using System.Text;

namespace StreamJobs.PublicApi.Tests;

/// <summary>Lists an assembly's public surface as sorted, stable text: one line per type and per visible member.</summary>
internal static class PublicApiWriter
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static string Describe(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(TypeLine(type)).Append('\n');
            foreach (var member in Members(type).Order(StringComparer.Ordinal)) text.Append("    ").Append(member).Append('\n');
        }
        return text.ToString();
    }

    private static string TypeLine(Type type)
    {
        var kind = type.IsInterface ? "interface" : type.IsEnum ? "enum" : type.IsValueType ? "struct"
            : typeof(Delegate).IsAssignableFrom(type) ? "delegate" : "class";
        var modifiers = kind == "class" && type.IsAbstract && type.IsSealed ? "static "
            : kind == "class" && type.IsAbstract ? "abstract "
            : kind == "class" && type.IsSealed ? "sealed " : "";
        var bases = new List<string>();
        if (kind == "class" && type.BaseType is { } baseType && baseType != typeof(object)) bases.Add(Name(baseType));
        bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(Name).Order(StringComparer.Ordinal));
        return $"{modifiers}{kind} {Name(type)}" + (bases.Count > 0 && kind != "enum" && kind != "delegate" ? " : " + string.Join(", ", bases) : "");
    }

    private static IEnumerable<string> Members(Type type)
    {
        if (type.IsEnum)
        {
            foreach (var name in Enum.GetNames(type)) yield return name;
            yield break;
        }
        foreach (var member in type.GetMembers(Declared))
        {
            var line = member switch
            {
                ConstructorInfo c when Visible(c) => $"{Access(c)}ctor({Parameters(c.GetParameters())})",
                MethodInfo m when Visible(m) && !m.IsSpecialName => $"{Access(m)}{(m.IsStatic ? "static " : m.IsAbstract ? "abstract " : m.IsVirtual && !m.IsFinal ? "virtual " : "")}{Name(m.ReturnType)} {m.Name}{GenericArguments(m)}({Parameters(m.GetParameters())})",
                MethodInfo m when Visible(m) && m.Name.StartsWith("op_", StringComparison.Ordinal) => $"{Access(m)}static {Name(m.ReturnType)} {m.Name}({Parameters(m.GetParameters())})",
                PropertyInfo p when Accessors(p).Any(Visible) => $"{(Accessors(p).First().IsStatic ? "static " : "")}{Name(p.PropertyType)} {p.Name} {{ {string.Join(" ", Accessors(p).Where(Visible).Select(a => a == p.GetMethod ? "get;" : IsInit(p) ? "init;" : "set;"))} }}",
                FieldInfo f when f.IsPublic || f.IsFamily => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{(f.IsInitOnly ? "readonly " : "")}{Name(f.FieldType)} {f.Name}",
                EventInfo e when e.AddMethod is { } add && Visible(add) => $"event {Name(e.EventHandlerType!)} {e.Name}",
                _ => null,
            };
            if (line is not null) yield return line;
        }
    }

    private static IEnumerable<MethodInfo> Accessors(PropertyInfo property) => new[] { property.GetMethod, property.SetMethod }.OfType<MethodInfo>();

    private static bool IsInit(PropertyInfo property) =>
        property.SetMethod?.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit") == true;

    private static bool Visible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    private static string Access(MethodBase method) => method.IsPublic ? "" : "protected ";

    private static string GenericArguments(MethodInfo method) =>
        method.IsGenericMethodDefinition ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">" : "";

    private static string Parameters(ParameterInfo[] parameters) => string.Join(", ", parameters.Select(p =>
        (p.IsOut ? "out " : p.ParameterType.IsByRef ? (p.IsIn ? "in " : "ref ") : p.GetCustomAttributes(typeof(ParamArrayAttribute), false).Length > 0 ? "params " : "")
        + Name(p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType) + " " + p.Name
        + (p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : "")));

    private static string Name(Type type)
    {
        if (type.IsGenericParameter) return type.Name;
        if (type.IsArray) return Name(type.GetElementType()!) + "[]";
        if (Nullable.GetUnderlyingType(type) is { } inner) return Name(inner) + "?";
        var name = type.IsNested ? Name(type.DeclaringType!) + "." + type.Name : (type.Namespace is null ? "" : type.Namespace + ".") + type.Name;
        if (!type.IsGenericType) return name;
        var tick = name.LastIndexOf('`');
        var arguments = type.GetGenericArguments();
        if (type.IsNested) arguments = arguments.Skip(type.DeclaringType!.GetGenericArguments().Length).ToArray();
        return (tick < 0 ? name : name[..tick]) + (arguments.Length == 0 ? "" : "<" + string.Join(", ", arguments.Select(Name)) + ">");
    }
}
