using NeuroChip.EventSim;

namespace NeuroChip.Data;

/// <summary>Builds a <see cref="Dataset"/> from an IDX image file ([N, H, W] unsigned bytes) and an IDX label file ([N]).</summary>
public static class IdxDatasetLoader
{
    /// <summary>Pixels are scaled to [0, 1] by dividing by 255.</summary>
    public static Dataset Load(string imagesPath, string labelsPath, string name, int classCount)
    {
        IdxArray images = IdxReader.ReadFile(imagesPath);
        IdxArray labels = IdxReader.ReadFile(labelsPath);
        return FromArrays(images, labels, name, classCount, imagesPath, labelsPath);
    }

    internal static Dataset FromArrays(IdxArray images, IdxArray labels, string name, int classCount, string imagesSource, string labelsSource)
    {
        if (images.ElementType != IdxElementType.UnsignedByte || images.Dimensions.Length != 3)
        {
            throw new UserInputException(
                $"{imagesSource}: expected images as a 3-dimensional array of unsigned bytes [N, H, W], found {images.Dimensions.Length} dimensions of {images.ElementType}.");
        }

        if (labels.ElementType != IdxElementType.UnsignedByte || labels.Dimensions.Length != 1)
        {
            throw new UserInputException(
                $"{labelsSource}: expected labels as a 1-dimensional array of unsigned bytes [N], found {labels.Dimensions.Length} dimensions of {labels.ElementType}.");
        }

        int n = images.Dimensions[0];
        if (labels.Dimensions[0] != n)
        {
            throw new UserInputException(
                $"Dimension mismatch: {imagesSource} holds {n} images but {labelsSource} holds {labels.Dimensions[0]} labels. Use the label file that belongs to these images.");
        }

        var shape = new SampleShape(1, images.Dimensions[1], images.Dimensions[2]);
        var features = new float[images.Count];
        ReadOnlySpan<byte> pixels = images.Data;
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = pixels[i] / 255f;
        }

        var classes = new int[n];
        for (int i = 0; i < n; i++)
        {
            classes[i] = labels.Data[i];
            if (classes[i] >= classCount)
            {
                throw new UserInputException($"{labelsSource}: label {classes[i]} at index {i} is outside the {classCount} classes of {name}.");
            }
        }

        return new Dataset(name, features, classes, shape, classCount);
    }
}
