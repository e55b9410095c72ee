import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The error body of commands.md "Errors": every 4xx (and 5xx) answers with it. */
export class ErrorBodyDto {
  @ApiProperty({ description: 'Stable machine-readable code', example: 'VALIDATION_FAILED' })
  error!: string;

  @ApiProperty({
    description: 'Human message naming the field or rule',
    example: 'data.vas must not be greater than 10',
  })
  message!: string;

  @ApiPropertyOptional({ description: 'The field concerned, as a path into the envelope', example: 'data.vas' })
  field?: string;
}

export interface ErrorBody {
  readonly error: string;
  readonly message: string;
  readonly field?: string;
}
