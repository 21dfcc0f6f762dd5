# SYNTAX TEST "source.dockerfile" "parser directives open the file and are not comments"
# syntax=docker/dockerfile:1.7
# <- meta.directive.syntax.dockerfile punctuation.definition.directive.dockerfile - comment.line.number-sign.dockerfile
# ^^^^^^ meta.directive.syntax.dockerfile keyword.other.directive.dockerfile - comment.line.number-sign.dockerfile
#       ^ keyword.operator.assignment.dockerfile
#        ^^^^^^^^^^^^^^^^^^^^^ string.unquoted.directive-value.dockerfile
#CHECK = skip=JSONArgsRecommended,StageNameCasing;error=true
# <- meta.directive.check.dockerfile punctuation.definition.directive.dockerfile
#^^^^^ keyword.other.directive.dockerfile
#      ^ keyword.operator.assignment.dockerfile
#        ^^^^ support.type.property-name.check.dockerfile
#                                ^ punctuation.separator.dockerfile
#                                                ^ punctuation.separator.dockerfile
#                                                 ^^^^^ support.type.property-name.check.dockerfile
#                                                       ^^^^ constant.language.dockerfile
# escape=\
# ^^^^^^ meta.directive.escape.dockerfile keyword.other.directive.dockerfile
#        ^ string.unquoted.directive-value.dockerfile
# a comment ends the directives
# <- comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile
# syntax=docker/dockerfile:1
# <---------------------------- comment.line.number-sign.dockerfile - meta.directive.syntax.dockerfile keyword.other.directive.dockerfile
FROM scratch
# <---- keyword.other.instruction.dockerfile
  # an indented comment
# ^ comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile
#   ^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.dockerfile
RUN echo # not a comment after an instruction
#        ^^^^^ meta.instruction.run.dockerfile - comment.line.number-sign.dockerfile
