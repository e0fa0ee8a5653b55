using NeuroChip.Service.Hosting;

return ServiceHost.Run(args);
