using System.Diagnostics;
using NeuroChip.EventSim;
using NeuroChip.EventSim.Model;
using NeuroChip.OnChipLearning.Appliers;
using NeuroChip.OnChipLearning.Chip;
using NeuroChip.OnChipLearning.Chip.Feedback;
using NeuroChip.OnChipLearning.Learners;
using NeuroChip.OnChipLearning.Network;
using NeuroChip.OnChipLearning.Rules;
using NeuroChip.OnChipLearning.Training;
using NeuroChip.Data;

namespace NeuroChip.Pipeline.Learning;

/// <summary>
/// <c>neurochip train</c> as a library call: loads the data set, builds the float reference (whose seeded
/// initial weights the chip starts from too), trains on the chosen precision, and reports accuracy per
/// epoch and what learning cost on the chip.
/// </summary>
public static class LearningRun
{
    public static (LearningReport Report, ChipImage Image) Run(TrainOptions options, IProgress<(int Epoch, int Done, int Total)>? progress = null)
    {
        DatasetSplit split = DatasetCatalog.Load(options.Dataset, options.Seed, options.DataDirectory);
        SampleSet train = LearningData.ToSamples(split.Train, options.TrainLimit);
        SampleSet test = LearningData.ToSamples(split.Test, options.TestLimit);
        var net = new SnnSpec
        {
            Inputs = train.FeatureCount,
            Hidden = options.Hidden,
            Outputs = train.ClassCount,
            Timesteps = options.Timesteps,
            Tau = options.Tau,
        };
        ChipSpec chip = ChipSpecLoader.Load(options.Chip);
        if (options.Rule.Rule is LearningRule.Ide or LearningRule.Spide)
        {
            return RunFeedback(options, train, test, chip, progress);
        }

        var chipOptions = new ChipLearningOptions { WeightBits = options.WeightBits, Threads = options.Threads };
        using (LearnerSet learners = LearnerFactory.Create(new LearnerSpec
        {
            Network = net,
            Rule = options.Rule,
            InitGain = options.InitGain,
            Chip = options.Precision == LearningPrecision.Chip ? chip : null,
            ChipOptions = chipOptions,
            Hlop = options.Hlop,
        }))
        {
            ReferenceLearningSnn reference = learners.Reference;
            ChipSnn? onChip = learners.OnChip;
            HlopLearner? hlop = learners.Hlop;
            ISampleLearner learner = learners.Learner;
            var watch = Stopwatch.StartNew();
            IReadOnlyList<EpochResult> epochs = EpochTrainer.Run(learner, train, test, options.Epochs, options.Seed, progress, options.CosineSchedule ? EpochTrainer.Cosine : null);
            watch.Stop();
            ChipImage image = onChip is not null
                ? onChip.ExportImage()
                : LearningLayout.Build(net, chip, chipOptions, options.Rule.Rule == LearningRule.Glsnn, Enumerable.Range(0, net.Sizes.Length - 1).Select(reference.Weights).ToList()).Image;
            LearningReport report = Report(options, net.ToString(), train, test, epochs, learner) with
            {
                Chip = onChip is null ? null : Cost(onChip, chip, options),
                RequiredCapabilities = RequiredCapabilities(options.Rule, chip),
                LateralNeurons = hlop?.LateralNeurons ?? onChip?.Layout.Lateral.Sum(l => onChip.LateralRows(l.Index)) ?? 0,
                LateralSynapseBits = hlop?.SubspaceBits(16) ?? onChip?.Layout.Lateral.Sum(l => l.WeightMemoryBits) ?? 0,
            };
            return (report, image);
        }
    }

    /// <summary>
    /// IDE or SPIDE on a feedback network: the first hidden size is the feedback layer's width. With --precision chip,
    /// SPIDE runs in fixed point (<see cref="ChipFeedbackSnn"/>) from the float reference's seeded initial weights.
    /// </summary>
    private static (LearningReport Report, ChipImage Image) RunFeedback(TrainOptions options, SampleSet train, SampleSet test, ChipSpec chip, IProgress<(int Epoch, int Done, int Total)>? progress)
    {
        if (options.Rule.Rule == LearningRule.Spide && !chip.ReverseSynapseAccess)
        {
            throw new UserInputException($"SPIDE's backward phase reads the feedback synapses in reverse (Wᵀ), which chip '{chip.Name}' does not offer (reverseSynapseAccess = false). Use a chip with reverse access such as 'nc-learn'.");
        }

        var spec = new FeedbackSnnSpec
        {
            Inputs = train.FeatureCount,
            Hidden = options.Hidden[0],
            Outputs = train.ClassCount,
            Timesteps = options.Timesteps,
            BackwardTimesteps = options.BackwardTimesteps,
        };
        var rule = new EquilibriumSpec
        {
            Rule = options.Rule.Rule,
            LearningRate = options.Rule.LearningRate,
            Momentum = options.Rule.Momentum,
            Seed = options.Rule.Seed,
        };
        using FeedbackLearnerSet learners = LearnerFactory.Create(new FeedbackLearnerSpec
        {
            Network = spec,
            Rule = rule,
            InitGain = options.InitGain,
            Chip = options.Precision == LearningPrecision.Chip ? chip : null,
            ChipOptions = new ChipLearningOptions { WeightBits = options.WeightBits, Threads = options.Threads },
        });
        ChipFeedbackSnn? onChip = learners.OnChip;
        ISampleLearner learner = learners.Learner;
        IReadOnlyList<EpochResult> epochs = EpochTrainer.Run(learner, train, test, options.Epochs, options.Seed, progress, options.CosineSchedule ? EpochTrainer.Cosine : null);
        FeedbackCost? cost = onChip is null ? null : FeedbackCost.Of(onChip, chip, spec.Timesteps, spec.BackwardTimesteps);
        LearningReport report = Report(options, spec.ToString(), train, test, epochs, learner) with
        {
            Chip = cost is null ? null : new LearningCost
            {
                SamplesTrained = cost.SamplesTrained,
                SynapticUpdatesPerSample = cost.SynapticUpdatesPerSample,
                ThirdFactorPacketsPerSample = cost.ThirdFactorPacketsPerSample,
                SynapticOpsPerSample = cost.ForwardSynapticOpsPerSample,
                SaturatedUpdates = cost.SaturatedUpdates,
                LearningEnergyPerSamplePj = cost.LearningEnergyPerSamplePj,
                ForwardEnergyPerSamplePj = cost.ForwardEnergyPerSamplePj,
                PlasticSynapseBits = cost.PlasticSynapseBits,
                NeuronLearningStateBits = cost.NeuronLearningStateBits,
                AccumulatorBits = 0,
                Coefficients = chip.Energy.All().Select(x => $"{x.Coefficient.Operation}: {x.Coefficient.Value} {x.Coefficient.Unit} ({x.Coefficient.Source})").ToList(),
            },
            RequiredCapabilities = options.Rule.Rule != LearningRule.Spide ? ["none on the chip: IDE's implicit solve runs off-chip"]
                : cost is null ? [$"reverse synapse access (Wᵀ) for the ternary backward phase: chip '{chip.Name}' offers it"]
                : [$"reverse synapse access (Wᵀ) for the ternary backward phase: chip '{chip.Name}' offers it; per sample {cost.ReverseSynapticOpsPerSample:F0} reverse synapse reads for {cost.BackwardSpikesPerSample:F0} backward spikes, W rescaled to ‖W‖_F ≤ {rule.FeedbackNormBound} {cost.FeedbackRescales} times, {cost.SaturatedBackwardNeurons} saturated backward neurons"],
        };

        // On the float reference the feedback network is not laid out: the image is an empty shell of the chosen chip.
        return (report, onChip is null ? new ChipImage { Chip = chip, Cores = [] } : onChip.ExportImage());
    }

    /// <summary>The fields every learning report has: data, options, per-epoch accuracy and training speed.</summary>
    private static LearningReport Report(TrainOptions options, string network, SampleSet train, SampleSet test, IReadOnlyList<EpochResult> epochs, ISampleLearner learner)
    {
        double trainingSeconds = epochs.Sum(e => e.Seconds);
        return new LearningReport
        {
            Dataset = options.Dataset,
            Network = network,
            TrainSamples = train.Count,
            TestSamples = test.Count,
            Options = options,
            Epochs = epochs,
            FinalTestAccuracy = epochs.Count > 0 ? epochs[^1].TestAccuracy : EpochTrainer.Evaluate(learner, test),
            TrainingSeconds = trainingSeconds,
            SamplesPerSecond = trainingSeconds > 0 ? (long)train.Count * epochs.Count / trainingSeconds : 0,
        };
    }

    /// <summary>What the rule needs from the chip beyond forward synapse reads, and whether the chip offers it.</summary>
    private static string[] RequiredCapabilities(LearningRuleSpec rule, ChipSpec chip)
    {
        string offered = chip.ReverseSynapseAccess ? "offers it" : "does not offer it";
        return rule switch
        {
            { Rule: LearningRule.Ottt, Credit: CreditAssignment.Spatial } => [$"reverse synapse access (Wᵀ) for spatial credit: chip '{chip.Name}' {offered}"],
            { Rule: LearningRule.Glsnn } => [$"reverse synapse access (W_outᵀ) for the last hidden layer's target: chip '{chip.Name}' {offered}"],
            _ => [],
        };
    }

    private static LearningCost Cost(ChipSnn chip, ChipSpec spec, TrainOptions options)
    {
        LearningCounters c = chip.Counters;
        EnergyCoefficients e = spec.Energy;
        double samples = Math.Max(1, chip.SamplesTrained);
        double learningPj = c.UpdateAndThirdFactorEnergyPj(e);
        double forwardPj = chip.Counters.ForwardEnergyPj(e);
        IReadOnlyList<PlasticLayer> layers = chip.Layout.Layers;
        int depth = options.Hidden.Count + 1;
        long spikingNeurons = layers.Where(l => l.Spiking).Sum(l => (long)l.Post);

        // Per spiking neuron: trace (16 b), delay line of ψ (8 b), trace (16 b) and noise sign (2 b), spike count (8 b), ψ sum (16 b).
        long neuronBits = spikingNeurons * (16 + (depth * (8 + 16 + 2)) + 8 + 16);
        long accumulatorBits = options.Rule.Rule == LearningRule.Ottt && options.Rule.Schedule == OtttSchedule.PerSample
            ? (layers[0].Post * 32L) + layers.Skip(1).Sum(l => (long)l.Pre * l.Post * 32)
            : 0;
        return new LearningCost
        {
            SamplesTrained = chip.SamplesTrained,
            SynapticUpdatesPerSample = c.SynapticUpdates / samples,
            ThirdFactorPacketsPerSample = c.ThirdFactorPackets / samples,
            SynapticOpsPerSample = chip.Counters.ForwardSynapticOps / samples,
            SaturatedUpdates = c.SaturatedUpdates,
            LearningEnergyPerSamplePj = learningPj / samples,
            ForwardEnergyPerSamplePj = forwardPj / samples,
            PlasticSynapseBits = chip.Layout.Image.Cores.Sum(core => SynapseMemory.CoreBits(core, spec)),
            NeuronLearningStateBits = neuronBits,
            AccumulatorBits = accumulatorBits,
            LateralSynapticOpsPerSample = c.LateralSynapticOps / samples,
            LateralSynapticUpdatesPerSample = c.LateralSynapticUpdates / samples,
            LateralEnergyPerSamplePj = c.LateralEnergyPj(e) / samples,
            LateralMemoryBits = chip.Layout.Lateral.Sum(l => l.TotalMemoryBits),
            LateralCores = chip.Layout.Lateral.Sum(l => l.Slices.Count),
            AppliedNoiseScale = options.Rule.Credit is CreditAssignment.Opzo or CreditAssignment.ZerothOrder && options.Rule.Rule == LearningRule.Ottt ? chip.NoiseScale : null,
            Coefficients = e.All().Select(x => $"{x.Coefficient.Operation}: {x.Coefficient.Value} {x.Coefficient.Unit} ({x.Coefficient.Source})").ToList(),
        };
    }
}
