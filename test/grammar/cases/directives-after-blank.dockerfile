# SYNTAX TEST "source.dockerfile" "a directive after a blank line is a comment"

# syntax=docker/dockerfile:1
# <---------------------------- comment.line.number-sign.dockerfile - meta.directive.syntax.dockerfile
FROM alpine:3.20
# <---- keyword.other.instruction.dockerfile
