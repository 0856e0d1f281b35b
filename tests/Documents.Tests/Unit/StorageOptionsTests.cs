using PublicServices.Documents.Storage;

namespace PublicServices.Documents.Tests.Unit;

public sealed class StorageOptionsTests
{
    static StorageOptions S3(int partSize) => new()
    {
        Provider = StorageProvider.S3,
        S3 = new S3StorageOptions { Endpoint = "minio:9000", AccessKey = "a", SecretKey = "s", PartSize = partSize },
    };

    [Theory]
    [InlineData(5 * 1024 * 1024, true)]
    [InlineData(8 * 1024 * 1024, true)]
    [InlineData(64 * 1024 * 1024, true)]
    [InlineData(5 * 1024 * 1024 - 1, false)]
    [InlineData(64 * 1024 * 1024 + 1, false)]
    public void The_part_size_must_be_between_the_s3_minimum_and_64_mib(int partSize, bool valid)
    {
        Assert.Equal(valid, !S3(partSize).Problems().Any());
    }

    [Fact]
    public void The_default_part_size_is_8_mib()
    {
        Assert.Equal(8 * 1024 * 1024, new S3StorageOptions().PartSize);
        Assert.Empty(S3(new S3StorageOptions().PartSize).Problems());
    }
}
