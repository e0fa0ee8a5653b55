namespace NeuroChip.OnChipLearning.Tests.Rules;

public sealed class LearningRuleSpecTests
{
    [Fact]
    public void Validate_Defaults_AreValid()
    {
        Assert.Empty(new LearningRuleSpec().Validate());
        Assert.Empty(new EquilibriumSpec { Rule = LearningRule.Spide }.Validate());
    }

    [Fact]
    public void Validate_GlsnnWithSpatialCredit_SaysToUseDfa()
    {
        IReadOnlyList<string> errors = new LearningRuleSpec { Rule = LearningRule.Glsnn, Credit = CreditAssignment.Spatial }.Validate();
        Assert.Equal(["GLSNN uses random (DFA-style) feedback by definition; credit assignment Spatial does not apply. Use --credit dfa."], errors);
    }

    [Theory]
    [InlineData(0.0, "learning rate 0: must be in (0, 100).")]
    [InlineData(100.0, "learning rate 100: must be in (0, 100).")]
    public void Validate_LearningRateOutsideTheOpenRange_IsRefused(double rate, string expected)
    {
        Assert.Equal([expected], new LearningRuleSpec { LearningRate = rate }.Validate());
    }

    [Fact]
    public void Validate_ForwardNoiseOnGlsnn_IsRefused()
    {
        IReadOnlyList<string> errors = new LearningRuleSpec { Rule = LearningRule.Glsnn, Credit = CreditAssignment.Dfa, ForwardNoise = true }.Validate();
        Assert.Single(errors);
        Assert.Contains("Drop --forward-noise", errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EquilibriumWithAFeedForwardRule_IsRefused()
    {
        IReadOnlyList<string> errors = new EquilibriumSpec { Rule = LearningRule.Ottt }.Validate();
        Assert.Equal(["rule Ottt: a feedback network trains with ide or spide."], errors);
    }
}
