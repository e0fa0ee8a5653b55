using System.Numerics.Tensors;

namespace NeuroChip.OnChipLearning.Appliers;

/// <summary>Update stage: the local update with momentum, the outer products and the feedback norm limit.</summary>
public sealed partial class FeedbackSnn
{
    private void Apply()
    {
        float eta = (float)(rule.LearningRate * LearningRateScale);
        Step(f, gradF, velF, eta);
        Step(w, gradW, velW, eta);
        Step(r, gradR, velR, eta);
        LimitFeedbackNorm();
    }

    private void Step(float[] weights, float[] grad, float[] velocity, float eta)
    {
        if (rule.WeightDecay > 0)
        {
            TensorPrimitives.MultiplyAdd(weights, (float)rule.WeightDecay, grad, grad);
        }

        if (rule.Momentum > 0)
        {
            TensorPrimitives.MultiplyAdd(velocity, (float)rule.Momentum, grad, velocity);
            TensorPrimitives.MultiplyAdd(velocity, -eta, weights, weights);
        }
        else
        {
            TensorPrimitives.MultiplyAdd(grad, -eta, weights, weights);
        }
    }

    private void LimitFeedbackNorm()
    {
        float norm = TensorPrimitives.Norm(w);
        if (rule.FeedbackNormBound > 0 && norm > rule.FeedbackNormBound)
        {
            TensorPrimitives.Multiply(w, (float)(rule.FeedbackNormBound / norm), w);
        }
    }

    /// <summary>grad[j, :] = pre_j · post (overwrites).</summary>
    private static void Outer(float[] grad, ReadOnlySpan<float> pre, ReadOnlySpan<float> post)
    {
        int n = post.Length;
        for (int j = 0; j < pre.Length; j++)
        {
            TensorPrimitives.Multiply(post, pre[j], grad.AsSpan(j * n, n));
        }
    }
}
