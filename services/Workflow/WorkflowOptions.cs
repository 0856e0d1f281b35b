using System.ComponentModel.DataAnnotations;

namespace PublicServices.Workflow;

/// <summary>The service's own settings, bound from the "Workflow" section (the runtime and calendar have sub-sections).</summary>
public sealed class WorkflowOptions
{
    public const string SectionName = "Workflow";

    /// <summary>Folder of default definitions (Elsa 3 JSON) installed on start; relative to the service's binaries.</summary>
    [Required]
    public string DefinitionsPath { get; set; } = "definitions";

    /// <summary>The workflow a submission runs when its procedure names none.</summary>
    [Required, MaxLength(100)]
    public string DefaultDefinitionId { get; set; } = "one-stop-standard";

    /// <summary>Longest comment an officer may leave on a task (the task table's column size).</summary>
    [Range(1, 4000)]
    public int MaxCommentLength { get; set; } = 4000;

    /// <summary>Largest definition document accepted by the API.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxDefinitionBytes { get; set; } = 1024 * 1024;

    /// <summary>Most documents an officer may attach to one completion.</summary>
    [Range(0, 1000)]
    public int MaxAttachments { get; set; } = 50;
}
