using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace StreamJobs.Jobs;

/// <summary>Binds, validates and describes job parameter classes. Reflection here runs once at start, never per record.</summary>
internal static class JobParameters
{
    /// <summary>Keys of a job section that are not parameters.</summary>
    public static readonly string[] ReservedKeys = ["Enabled"];

    public static IReadOnlyList<JobParameterDescriptor> Describe(Type parametersType)
    {
        var defaults = Activator.CreateInstance(parametersType);
        return Properties(parametersType).Select(p => new JobParameterDescriptor(
            p.Name,
            TypeName(p.PropertyType),
            Format(p.GetValue(defaults)),
            p.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "",
            Allowed(p))).ToArray();
    }

    /// <summary>Binds <paramref name="section"/> onto a new parameters object; every problem found is added to <paramref name="errors"/>.</summary>
    public static object Bind(Type parametersType, IConfigurationSection section, List<string> errors)
    {
        var parameters = Activator.CreateInstance(parametersType)!;
        var properties = Properties(parametersType).ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (ReservedKeys.Contains(child.Key, StringComparer.OrdinalIgnoreCase)) continue;
            if (!properties.TryGetValue(child.Key, out var property))
            {
                errors.Add($"{child.Path}: not a parameter of this job; its parameters are: {string.Join(", ", properties.Keys)}.");
                continue;
            }
            var underlying = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (underlying.IsEnum && child.Value is { } raw && !Enum.TryParse(underlying, raw, ignoreCase: true, out _))
            {
                errors.Add($"{child.Path}: '{raw}' is not allowed; allowed values: {string.Join(", ", Enum.GetNames(underlying))}.");
                continue;
            }
            try
            {
                var value = child.Get(property.PropertyType);
                if (value is not null) property.SetValue(parameters, value);
            }
            catch (InvalidOperationException bad)
            {
                errors.Add($"{child.Path}: '{child.Value}' is not a valid {TypeName(property.PropertyType)} ({bad.InnerException?.Message ?? bad.Message}).");
            }
        }
        Validate(parameters, section.Path, errors);
        return parameters;
    }

    private static void Validate(object parameters, string path, List<string> errors)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(parameters, new ValidationContext(parameters), results, validateAllProperties: true)) return;
        foreach (var result in results)
        {
            var members = result.MemberNames.Any() ? result.MemberNames : [""];
            foreach (var member in members) errors.Add($"{path}:{member}: {result.ErrorMessage}");
        }
    }

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0);

    private static string? Allowed(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type.IsEnum) return string.Join(" | ", Enum.GetNames(type));
        var range = property.GetCustomAttribute<RangeAttribute>();
        return range is null ? null : $"{range.Minimum} .. {range.Maximum}";
    }

    private static string TypeName(Type type) =>
        Nullable.GetUnderlyingType(type) is { } inner ? TypeName(inner) + "?"
        : type.IsGenericType ? type.Name[..type.Name.IndexOf('`')] + "<" + string.Join(", ", type.GetGenericArguments().Select(TypeName)) + ">"
        : type.Name;

    private static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>()) + "]",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
