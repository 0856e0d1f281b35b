using PublicServices.Contracts.Dossiers;

namespace PublicServices.Contracts.Tests;

/// <summary>Every pair of statuses, allowed or refused, written out here independently of the machine's own table.</summary>
public class DossierStatusMachineTests
{
    // Rows: from; columns: to 1…10. Y = allowed, . = refused. A status may repeat while the dossier is open.
    const string Table = """
           1 2 3 4 5 6 7 8 9 10
        1  Y Y Y . Y Y Y . . .
        2  . Y . Y Y Y Y Y Y .
        3  . . . . . . . . . .
        4  . . . Y Y Y Y Y Y .
        5  . Y Y Y Y . Y Y . .
        6  . Y Y Y Y Y Y Y Y Y
        7  . . . . . . . . . .
        8  . . . . . . . . . .
        9  . . . . . Y . . Y Y
        10 . . . . . . . . . .
        """;

    public static TheoryData<int, int, bool> EveryPair()
    {
        var data = new TheoryData<int, int, bool>();
        foreach (var row in Table.Split('\n').Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            for (var to = 1; to <= 10; to++)
                data.Add(int.Parse(row[0], System.Globalization.CultureInfo.InvariantCulture), to, row[to] == "Y");
        return data;
    }

    [Theory, MemberData(nameof(EveryPair))]
    public void A_change_is_allowed_exactly_where_the_table_says(int from, int to, bool allowed) =>
        Assert.Equal(allowed, DossierStatusMachine.Allows((DossierStatus)from, (DossierStatus)to));

    [Fact]
    public void The_table_covers_every_status_of_the_national_list() =>
        Assert.Equal(100, EveryPair().Count);

    [Theory]
    [InlineData(DossierStatus.NotReceived)]
    [InlineData(DossierStatus.Withdrawn)]
    [InlineData(DossierStatus.Stopped)]
    [InlineData(DossierStatus.ResultReturned)]
    public void Not_received_withdrawn_stopped_and_result_returned_are_final(DossierStatus status)
    {
        Assert.True(DossierStatusMachine.IsFinal(status));
        Assert.Empty(DossierStatusMachine.Following(status));
    }

    [Fact]
    public void A_dossier_starts_as_new() => Assert.Equal(DossierStatus.New, DossierStatusMachine.Initial);

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public void Only_the_numbers_1_to_10_are_statuses(int code, bool defined) => Assert.Equal(defined, DossierStatusMachine.IsDefined(code));

    [Fact]
    public void Every_status_has_a_label_in_both_languages()
    {
        foreach (var status in DossierStatusMachine.All)
        {
            var (vi, en) = status.Labels();
            Assert.False(string.IsNullOrWhiteSpace(vi));
            Assert.False(string.IsNullOrWhiteSpace(en));
            Assert.NotEqual(vi, en);
        }
        Assert.Equal(("Đã trả kết quả", "Result returned"), DossierStatus.ResultReturned.Labels());
    }
}
