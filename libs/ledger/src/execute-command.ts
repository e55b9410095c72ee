/**
 * The CQRS face of the pipeline: both doors dispatch ExecuteCommand on the CommandBus, and its
 * single handler runs the pipeline. Durable work never rides the in-memory event bus.
 */
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, type Door, type Outcome } from './command-pipeline';

export class ExecuteCommand extends Command<Outcome> {
  constructor(
    readonly raw: unknown,
    readonly door: Door,
  ) {
    super();
  }
}

@CommandHandler(ExecuteCommand)
export class ExecuteCommandHandler implements ICommandHandler<ExecuteCommand, Outcome> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute(command: ExecuteCommand): Promise<Outcome> {
    return this.pipeline.execute(command.raw, command.door);
  }
}
