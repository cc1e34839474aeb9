using Archive.Storage.AzureBlob;
using Archive.Storage.FileSystem;
using Archive.Storage.S3;

namespace Archive.Storage.Tests;

public class ObjectStoreFactoryTests
{
    [Fact]
    public void Create_BuildsFileStore_FromAbsoluteRelativeAndTripleSlashForms()
    {
        Assert.Equal("/var/lib/archive", ((FileSystemObjectStore)ObjectStoreFactory.Create("file:/var/lib/archive")).Root);
        Assert.Equal("/var/lib/archive", ((FileSystemObjectStore)ObjectStoreFactory.Create("file:///var/lib/archive")).Root);
        Assert.Equal(Path.GetFullPath("data/objects"), ((FileSystemObjectStore)ObjectStoreFactory.Create("file:data/objects")).Root);
    }

    [Fact]
    public void S3Settings_Parse_ReadsEveryPart()
    {
        var s = S3StoreSettings.Parse("s3://AK:s%2Fe%2Bc@minio.local:9000/archive?secure=false&region=cn-east-1");
        Assert.Equal(("minio.local", 9000, "AK", "s/e+c", "archive", false, "cn-east-1"), (s.Host, s.Port, s.AccessKey, s.SecretKey, s.Bucket, s.Secure, s.Region));
        Assert.DoesNotContain("s/e+c", s.ToString());
    }

    [Fact]
    public void Create_UsesSeparateBucket_WhenGiven()
    {
        using var store = (S3ObjectStore)ObjectStoreFactory.Create("s3://AK:SK@127.0.0.1:9000/?secure=false", "other");
        Assert.Equal("other", store.Bucket);
    }

    [Fact]
    public void Create_StripsContainerPair_FromAzureConnectionString()
    {
        var store = (AzureBlobObjectStore)ObjectStoreFactory.Create(
            "azure:DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;Container=archive-offline");
        Assert.Equal("archive-offline", store.Container);
    }

    [Theory]
    [InlineData("s3://AK:TOPSECRET@host:notaport/bucket")]
    [InlineData("s3://AK:TOPSECRET@host:9000/bucket?tls=maybe")]
    [InlineData("s3://AK:TOPSECRET@host:9000/")]
    [InlineData("s3://TOPSECRET@host:9000/bucket")]
    [InlineData("azure:AccountName=x;AccountKey=TOPSECRET")]
    [InlineData("azure:AccountName=x;AccountKey=TOPSECRET;Garbage;Container=c")]
    [InlineData("ftp://AK:TOPSECRET@host/")]
    [InlineData("file:")]
    public void Create_ThrowsClearError_WithoutEchoingTheSecret(string uri)
    {
        var e = Assert.Throws<StoreConfigurationException>(() => ObjectStoreFactory.Create(uri));
        Assert.DoesNotContain("TOPSECRET", e.Message);
        Assert.DoesNotContain("TOPSECRET", e.ToString());
        Assert.NotEmpty(e.Message);
    }
}
