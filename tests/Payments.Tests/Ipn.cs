namespace PublicServices.Payments.Tests;

/// <summary>Builds the provider's IPN and return query strings (signed here, independently of the service).</summary>
public sealed class Ipn
{
    readonly Dictionary<string, string> p;

    public Ipn(string txnRef, long amountVnd, bool paid = true)
    {
        p = new(StringComparer.Ordinal)
        {
            ["vnp_Amount"] = (amountVnd * 100).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["vnp_BankCode"] = "NCB", ["vnp_BankTranNo"] = "VNP" + txnRef[..8], ["vnp_CardType"] = "ATM",
            ["vnp_OrderInfo"] = "Thanh toan le phi ho so", ["vnp_PayDate"] = "20261205103000",
            ["vnp_ResponseCode"] = paid ? "00" : "24", ["vnp_TmnCode"] = TestSigning.TmnCode, ["vnp_TransactionNo"] = "14" + txnRef[..6],
            ["vnp_TransactionStatus"] = paid ? "00" : "02", ["vnp_TxnRef"] = txnRef,
        };
    }

    public Ipn With(string key, string value) { p[key] = value; return this; }

    public string Query(string? secret = null) => TestSigning.Query(p, secret);

    public string IpnPath(string? secret = null) => "/api/payments/vnpay/ipn?" + Query(secret);

    public string ReturnPath(string? secret = null) => "/api/payments/vnpay/return?" + Query(secret);
}
