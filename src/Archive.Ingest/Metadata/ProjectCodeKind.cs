namespace Archive.Ingest.Metadata;

/// <summary>Which form of the trading data specification a project code has.</summary>
public enum ProjectCodeKind
{
    /// <summary>项目编号: a letter, a 6-digit region code and 10 characters (17), e.g. <c>E5301000001000123</c>.</summary>
    Project,

    /// <summary>招标项目编号: a project code plus 3 digits (20).</summary>
    TenderProject,

    /// <summary>标段（包）编号: a tender-project code plus 3 digits (23).</summary>
    Lot,

    /// <summary>统一交易标识码: 40 digits or upper-case letters.</summary>
    TransactionIdentifier,

    /// <summary>A legacy free-form code (up to 50 characters), accepted as it is.</summary>
    Legacy,
}
